/**
 * Every `http.Agent` / `https.Agent` the agent can find, held weakly. Agents reach the registry four ways:
 * the global agents at start; construction after start (the constructor calls `this.on('free', …)`, so an
 * own `on` on `http.Agent.prototype` sees every new agent and captures its creation stack); any request
 * (`addRequest`); agents reachable from live sockets (`socket._httpMessage.agent`),
 * which finds pools created before attach that are busy but no longer called; and, once at attach, every
 * instance of `http.Agent.prototype` on the heap, handed over by Hyperscope (`Runtime.queryObjects`):
 * pools made before attach that only hold idle sockets (unreferenced, so no live handle leads to them).
 * Where a pool's requests come from is kept sparingly, one stack per agent between two collections each:
 * a request that queues for a socket, one that opens a new socket (`createSocket`), and one of a kind
 * that left a response unread (`unread-responses.ts`).
 */
import type { Frame } from '../core/frame';
import type { CollectorContext } from './collector';
import { patchMethod, type Method, type MethodPatch } from './method-patch';
import { captureStack, dropLeadingNodeFrames, capturedFrames, type CapturedStack } from './stack-frames';
import { UnreadResponses, type UnreadState } from './unread-responses';

/** The parts of Node's `http.Agent` the agent reads (internal but stable since Node 0.x). */
export interface HttpAgentInternals {
  sockets: Record<string, unknown[] | undefined>;
  freeSockets: Record<string, unknown[] | undefined>;
  requests: Record<string, unknown[] | undefined>;
  maxSockets: number;
  /** Sockets of every origin, in use and free (Node ≥ 14.5). */
  totalSocketCount?: number;
  keepAlive?: boolean;
  getName?(options: unknown): string;
  protocol?: string;
  listenerCount(event: string): number;
}

interface AgentRecord extends UnreadState {
  id: number;
  created?: CapturedStack;
  frames?: Frame[];
  /** Per pool key: the latest stack of a request that had to queue for a socket (parsed on demand). */
  queued?: Map<string, { stack: CapturedStack; frames?: Frame[] }>;
  /** A queued request's stack was taken since the last collection: no other until the next (`noteIfQueued`). */
  quiet?: boolean;
  /** Per pool key: the latest stack of a request that opened a new socket (parsed on demand). */
  opened?: Map<string, { stack: CapturedStack; frames?: Frame[] }>;
  /** An opener's stack was taken since the last collection: no other until the next (`noteOpener`). */
  openQuiet?: boolean;
}

/** How many agents are tracked at most; agents beyond are counted in `dropped.httpAgents`. */
const MAX_AGENTS = 10_000;
/**
 * Creation stacks captured per second at most (~10 µs each). `agent: false` builds an agent per request:
 * beyond this, agents are still tracked, without a stack (`dropped.httpAgentStacks`).
 */
const STACKS_PER_SECOND = 50;
/** Pool keys whose opener is remembered per agent at most (an agent may reach many origins). */
const MAX_OPENED_KEYS = 100;

export class HttpAgentRegistry {
  private readonly records = new WeakMap<object, AgentRecord>();
  private refs = new Set<WeakRef<HttpAgentInternals>>();
  /** Records quiet until the next collection. */
  private quieted: AgentRecord[] = [];
  private patches: MethodPatch[] = [];
  private nextId = 1;
  private context: CollectorContext | undefined;
  private stackWindow = { start: 0, used: 0 };
  private readonly budget = (): boolean => this.stackBudget();
  /** Requests holding sockets with responses never read, and where they were made. */
  readonly unread = new UnreadResponses();

  start(context: CollectorContext): void {
    this.context = context;
    const { http, https } = context.builtins;
    const onError = (): void => context.drop('httpAgentHookError');
    const proto = http.Agent.prototype as object;
    const onAddRequest = (self: unknown, args: unknown[], wrapper: Method): void => {
      // A known agent (every call but the first) costs one lookup.
      const record =
        this.records.get(self as object) ?? (isHttpAgent(self) ? this.register(self) : undefined);
      if (!record) return;
      this.noteIfQueued(self as HttpAgentInternals, record, args[1], wrapper);
      if (record.armed) this.unread.noteIfArmed(record, args[0], wrapper, this.budget);
    };
    this.patches.push(patchMethod(proto, 'addRequest', onAddRequest, onError));
    // Called from addRequest exactly when no idle socket can serve the request: requests that reuse one
    // never get here. Also from removeSocket, for a request left waiting when a socket closed.
    const onCreateSocket = (self: unknown, args: unknown[], wrapper: Method): void => {
      const record = this.records.get(self as object);
      if (record) this.noteOpener(self as HttpAgentInternals, record, args[1], wrapper);
    };
    this.patches.push(patchMethod(proto, 'createSocket', onCreateSocket, onError));
    const onConstruct = (self: unknown, args: unknown[], wrapper: Method): void => {
      // The constructor's own `this.on('free', …)`: no 'free' listener yet means construction, not later use.
      if (args[0] !== 'free' || !isHttpAgent(self) || self.listenerCount('free') > 0) return;
      this.add(self, this.stackBudget() ? captureStack(wrapper) : undefined);
    };
    this.patches.push(patchMethod(proto, 'on', onConstruct, onError));
    this.add(http.globalAgent);
    this.add(https.globalAgent);
  }

  stop(): void {
    for (const patch of this.patches.splice(0)) patch.restore();
    this.refs = new Set();
    this.quieted = [];
    this.unread.stop();
    this.context = undefined;
  }

  /** Registers `candidate` if it looks like an `http.Agent` and is not known yet; true when it was added. */
  add(candidate: unknown, created?: CapturedStack): boolean {
    if (!isHttpAgent(candidate) || this.records.has(candidate)) return false;
    return this.register(candidate, created) !== undefined;
  }

  /** Registers an agent not known yet; undefined when the registry is full. */
  private register(candidate: HttpAgentInternals, created?: CapturedStack): AgentRecord | undefined {
    if (this.refs.size >= MAX_AGENTS) {
      this.pruneDead();
      if (this.refs.size >= MAX_AGENTS) {
        this.context?.drop('httpAgents');
        return undefined;
      }
    }
    const record: AgentRecord = { id: this.nextId++, created };
    this.records.set(candidate, record);
    this.refs.add(new WeakRef(candidate));
    return record;
  }

  /** Registers every agent among `candidates` (an array of heap objects); returns how many were new. */
  adopt(candidates: unknown): number {
    if (!Array.isArray(candidates)) return 0;
    let added = 0;
    for (const candidate of candidates as unknown[]) if (this.add(candidate)) added++;
    return added;
  }

  /** The agents still alive, in registration order. */
  live(): HttpAgentInternals[] {
    const out: HttpAgentInternals[] = [];
    for (const ref of this.refs) {
      const agent = ref.deref();
      if (agent) out.push(agent);
      else this.refs.delete(ref);
    }
    return out;
  }

  /** Stable id within this install (`1`, `2`, …). */
  idOf(agent: object): number {
    return this.records.get(agent)?.id ?? 0;
  }

  /** Where `agent` was constructed (user code first), when it was built after start; parsed once. */
  createdAt(agent: object): Frame[] | undefined {
    const record = this.records.get(agent);
    if (!record?.created) return undefined;
    record.frames ??= dropLeadingNodeFrames(capturedFrames(record.created));
    return record.frames;
  }

  /** Where requests that had to wait for a socket of `agent`'s pool `key` came from (user code first). */
  queuedFrom(agent: object, key: string): Frame[] | undefined {
    const entry = this.records.get(agent)?.queued?.get(key);
    if (!entry) return undefined;
    entry.frames ??= dropLeadingNodeFrames(capturedFrames(entry.stack));
    return entry.frames;
  }

  /** Where the latest request that opened a new socket to `agent`'s pool `key` came from (user code first). */
  openedFrom(agent: object, key: string): Frame[] | undefined {
    const entry = this.records.get(agent)?.opened?.get(key);
    if (!entry) return undefined;
    entry.frames ??= dropLeadingNodeFrames(capturedFrames(entry.stack));
    return entry.frames;
  }

  /** The per-agent state `unread` keeps (armed kinds, holding requests); undefined for unknown agents. */
  unreadState(agent: object): UnreadState | undefined {
    return this.records.get(agent);
  }

  /**
   * A new socket is being opened: keep the stack of the request that needs it (within the stack budget),
   * so a leaking pool made before attach can name the code that opens its sockets. One stack per agent
   * between two collections, as for queued requests; the pool key is computed only then.
   */
  private noteOpener(self: HttpAgentInternals, record: AgentRecord, options: unknown, wrapper: Method): void {
    if (record.openQuiet === true || typeof self.getName !== 'function') return;
    if (!this.stackBudget()) return;
    const stack = captureStack(wrapper);
    record.openQuiet = true;
    this.quieted.push(record);
    const key = self.getName(options);
    record.opened ??= new Map();
    record.opened.delete(key);
    // Insertion order is age: past the bound, the key opened longest ago goes.
    if (record.opened.size >= MAX_OPENED_KEYS) record.opened.delete(record.opened.keys().next().value!);
    record.opened.set(key, { stack });
  }

  /**
   * A request is about to queue when its origin has no free socket and all `maxSockets` are in use: keep
   * its stack (within the stack budget), so a starved pool can name the code that waits on it even when
   * the agent was created before attach. A starved pool queues on every request, and a snapshot shows one
   * stack per pool key: after one is taken, the agent's requests cost a flag read until the next
   * collection (no clock read, no pool key string). At 10 stacks a second, `perf` put them at ~0.3% of a
   * saturated service's CPU (docs/performance.md).
   */
  private noteIfQueued(
    self: HttpAgentInternals,
    record: AgentRecord,
    options: unknown,
    wrapper: Method,
  ): void {
    if (record.quiet === true) return;
    if (!Number.isFinite(self.maxSockets) || typeof self.getName !== 'function') return;
    // Fewer sockets than the limit in the whole pool: no origin of it can be full.
    if (typeof self.totalSocketCount === 'number' && self.totalSocketCount < self.maxSockets) return;
    const key = self.getName(options);
    if ((self.freeSockets[key]?.length ?? 0) > 0) return;
    if ((self.sockets[key]?.length ?? 0) < self.maxSockets) return;
    if (!this.stackBudget()) return;
    record.quiet = true;
    this.quieted.push(record);
    record.queued ??= new Map();
    record.queued.set(key, { stack: captureStack(wrapper) });
  }

  /** A collection has read the queued and opener stacks: each pool may take one of each again. */
  collected(): void {
    for (const record of this.quieted) {
      record.quiet = false;
      record.openQuiet = false;
    }
    this.quieted = [];
  }

  /** True while this second's stack budget lasts; counts a drop otherwise. */
  private stackBudget(now = Date.now()): boolean {
    if (now - this.stackWindow.start >= 1000) this.stackWindow = { start: now, used: 0 };
    if (this.stackWindow.used++ < STACKS_PER_SECOND) return true;
    this.context?.drop('httpAgentStacks');
    return false;
  }

  private pruneDead(): void {
    for (const ref of this.refs) if (!ref.deref()) this.refs.delete(ref);
  }
}

/** True for objects shaped like Node's `http.Agent` (also subclasses and look-alikes such as agentkeepalive). */
export function isHttpAgent(value: unknown): value is HttpAgentInternals {
  if (typeof value !== 'object' || value === null) return false;
  const agent = value as Partial<HttpAgentInternals>;
  return (
    typeof agent.sockets === 'object' &&
    typeof agent.freeSockets === 'object' &&
    typeof agent.requests === 'object' &&
    typeof agent.listenerCount === 'function'
  );
}
