/**
 * A collector is one source of data inside the agent (resources, sockets, pools, promises, TLS, …).
 * The agent starts each collector at install, asks each for its section at every collection, and
 * stops each at detach; `stop` must remove every hook and patch the collector added.
 */
import type { AgentOptions } from '../core/agent-protocol';
import type { Builtins } from './builtins';

export interface CollectorContext {
  builtins: Builtins;
  options: AgentOptions;
  /** Counts something the agent could not keep (reported in `agent.dropped`). */
  drop(reason: string, count?: number): void;
  /**
   * True while the agent itself is running (install, collect, call, detach). Hooks that would otherwise
   * record what runs in the target (promise hooks, channels) check it so the agent never traces its own work.
   */
  isAgentWork(): boolean;
}

export interface Collector<Section = unknown> {
  /** The key of this collector's section (in `AgentSnapshot.extensions` for optional collectors). */
  readonly name: string;
  start(context: CollectorContext): void;
  /** Returns this collector's section for a snapshot taken at `now` (ms since the epoch). Never throws. */
  collect(now: number): Section;
  /** Optional on-demand queries (e.g. one promise chain), called through the agent's `call(method, arg)`. */
  readonly methods?: Record<string, (arg: unknown) => unknown>;
  stop(): void;
}
