/**
 * The agent's entry point, bundled to `out/agent/agent.js` (an IIFE named `__hyperscopeAgent`) and
 * evaluated in the target over the inspector. `install` puts one agent per process behind a global guard:
 * a second install of the same protocol version reuses it; any other version is detached and replaced.
 */
import {
  AGENT_GLOBAL_KEY,
  AGENT_PROTOCOL_VERSION,
  type AgentHello,
  type AgentOptions,
} from '../core/agent-protocol';
import { startAgent, type InstalledAgent } from './agent-runtime';
import { resolveBuiltins, type RequireLike } from './builtins';
import { closeOrphanedInspector } from './close-orphaned-inspector';
import { createCollectors } from './collectors';
import { detectModuleKind } from './module-kind';
import { startOrphanWatchdog } from './orphan-watchdog';

export type { InstalledAgent } from './agent-runtime';

/** The installed agent as this version builds it: also watched for a client that went away. */
interface WatchedAgent extends InstalledAgent {
  /** Another client reuses this agent: merges its watchdog options in. */
  adoptClient(options: AgentOptions): void;
}

/** The installed agent of this process, if any. */
export function installedAgent(): InstalledAgent | undefined {
  const value = (globalThis as Record<symbol, unknown>)[Symbol.for(AGENT_GLOBAL_KEY)];
  return typeof value === 'object' && value !== null ? (value as InstalledAgent) : undefined;
}

/**
 * Installs the agent (or finds the one installed) and says hello. `requireFn` is the command-line
 * `require` of the evaluation, used where `process.getBuiltinModule` is missing. Throws only into the
 * evaluation that called it (nothing is left installed then), never into the target's own code.
 */
export function install(requireFn: RequireLike | undefined, options: AgentOptions = {}): AgentHello {
  const key = Symbol.for(AGENT_GLOBAL_KEY);
  const existing = installedAgent();
  if (existing) {
    if (existing.version === AGENT_PROTOCOL_VERSION) {
      (existing as Partial<WatchedAgent>).adoptClient?.(options);
      return { ...existing.hello(), reused: true };
    }
    try {
      existing.detach();
    } catch {
      // An older agent that fails to detach must not stop the new one from installing.
    }
    delete (globalThis as Record<symbol, unknown>)[key];
  }
  const builtins = resolveBuiltins(requireFn);
  const hello: AgentHello = {
    version: AGENT_PROTOCOL_VERSION,
    pid: process.pid,
    nodeVersion: process.version,
    reused: false,
    moduleKind: detectModuleKind(),
    argv: process.argv.slice(),
    platform: process.platform,
  };
  const agent = startAgent(builtins, options, (drop) => createCollectors(builtins, drop), hello);
  const detach = agent.detach;
  const watchdog = startOrphanWatchdog(options, (closeInspector) => {
    // A timer callback of ours: nothing may throw into the target from here.
    try {
      guarded.detach();
      if (closeInspector) closeOrphanedInspector(builtins, requireFn);
    } catch {
      // Detached as far as it could; the inspector stays open.
    }
  });
  const guarded: WatchedAgent = {
    ...agent,
    hello() {
      watchdog.touch();
      return agent.hello();
    },
    collect() {
      watchdog.touch();
      return agent.collect();
    },
    call(method, argJson) {
      watchdog.touch();
      return agent.call(method, argJson);
    },
    adoptClient: (more) => watchdog.adopt(more),
    detach() {
      watchdog.stop();
      detach();
      if ((globalThis as Record<symbol, unknown>)[key] === guarded)
        delete (globalThis as Record<symbol, unknown>)[key];
    },
  };
  // Not enumerable: the target's own code walking globalThis should not stumble on us.
  Object.defineProperty(globalThis, key, {
    value: guarded,
    configurable: true,
    enumerable: false,
    writable: true,
  });
  return hello;
}

/**
 * {@link install} at the next turn of the event loop, resolving with the hello as JSON. The inspector
 * evaluates our code through a V8 interrupt, in the middle of whatever the target runs — possibly the
 * first load of a built-in module, whose half-built exports a `require` of ours would cache for good
 * (`crypto.createHash is not a function` killed a target so). `setImmediate` runs between two callbacks,
 * never inside one. A target whose loop is blocked answers when it unblocks; the client times out.
 */
export function installWhenIdle(
  requireFn: RequireLike | undefined,
  options: AgentOptions = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    setImmediate(() => {
      try {
        resolve(JSON.stringify(install(requireFn, options)));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}
