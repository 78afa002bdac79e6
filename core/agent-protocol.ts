/**
 * The contract between the agent (inside the target) and the recorder: what one collection returns.
 * The agent imports only these types (erased at build), so the shapes are checked on both sides.
 * All times are milliseconds unless a name says otherwise; sizes are bytes.
 */
import type { PromiseOptions } from './chains/promise-section';
import type { Frame } from './frame';

/** Bumped whenever the snapshot shape changes incompatibly; a second attach reuses an agent of the same version. */
export const AGENT_PROTOCOL_VERSION = 1;

/**
 * The global symbol (via `Symbol.for`) under which a target whose inspector Hyperscope moved off its
 * port (a cluster's shared one) keeps the port it had: Node reopens on `process.debugPort` at the next
 * SIGUSR1, so whoever closes that inspector sets it back, and the process runs as before we came.
 */
export const MOVED_FROM_PORT_KEY = 'hyperscope.inspectorMovedFromPort';

/** The global symbol (via `Symbol.for`) under which an installed agent lives in the target. */
export const AGENT_GLOBAL_KEY = 'hyperscope.agent';

/**
 * The script name the agent's code carries in the target (a `//# sourceURL`), so that stacks captured
 * inside the target can leave out the agent's own frames (its wrappers sit between user code and Node).
 */
export const AGENT_SOURCE_URL = 'hyperscope-agent.js';

/** Options the recorder passes at install; every field has a default in the agent. */
export interface AgentOptions {
  /** How many peers `AgentSnapshot.peers` describes (busiest first); the rest are only counted. */
  maxPeers?: number;
  /** How many pools (agents × origins) are described before being only counted. */
  maxPools?: number;
  /** Keep query strings in recorded URLs (default false: stripped). */
  keepQueryStrings?: boolean;
  /** Knobs of the promise-chain collector (sampling windows, stacks, caps). */
  promises?: PromiseOptions;
  /**
   * The agent detaches itself when no client has called it (install, collect, call) for this long, ms:
   * its client died without detaching (`kill -9`). Unset: it stays until detached.
   */
  orphanAfterMs?: number;
  /**
   * The client opened the target's inspector (it was closed before): an orphaned agent closes it too,
   * when no client is connected to it (Linux only, where the agent can tell).
   */
  closeInspectorWhenOrphaned?: boolean;
}

/** What `install` returns. */
export interface AgentHello {
  version: number;
  pid: number;
  nodeVersion: string;
  /** True when this attach found an agent of the same version already installed and reused it. */
  reused: boolean;
  /** 'commonjs' | 'module' | 'unknown': how the target's entry point was loaded, as far as the agent can tell. */
  moduleKind: string;
  argv: string[];
  platform: string;
}

/** Counts of sockets by state. `idle` sockets are open and parked in a pool's free list. */
export interface SocketStates {
  connecting: number;
  /** Open and in use (connected, not idle in a pool). */
  open: number;
  idle: number;
  /** `destroyed` but still referenced by a pool or a request (a leak signal). */
  destroyedReferenced: number;
}

/**
 * Sockets to one remote peer (`host:port`), client side or accepted by a server. Server side, `peer` is the
 * client's host alone: its ephemeral ports would make every connection a peer of its own.
 */
export interface PeerSockets extends SocketStates {
  peer: string;
  /** 'client' for outgoing connections, 'server' for accepted ones. */
  side: 'client' | 'server';
  tls: boolean;
}

/** One origin of one connection pool (an `http.Agent` × `host:port:` key, or an undici pool). */
export interface PoolOrigin {
  /** Stable id of the pool object within this agent's lifetime (e.g. `http.Agent#3`). */
  poolId: string;
  kind: 'http' | 'https' | 'undici';
  /** `host:port` the pool connects to. */
  origin: string;
  inUse: number;
  idle: number;
  /** Requests waiting for a socket (no socket assigned yet). */
  queued: number;
  /** The pool's per-origin limit; null when unlimited (Infinity). */
  maxSockets: number | null;
  keepAlive: boolean;
  /** Where the pool object was created, innermost first, when the agent saw its construction. */
  createdAt?: Frame[];
  /** Where a request that had to queue for a socket was made (the latest seen), innermost first. */
  queuedFrom?: Frame[];
  /**
   * Where a request that opened a new socket to this origin was made (the latest the agent kept, at most
   * one per pool between two collections), innermost first. Requests that reused an idle socket are not
   * seen. Absent from older agents, for undici pools, and while no socket has been opened since attach.
   */
  openedFrom?: Frame[];
  /**
   * Sockets in use whose response arrived whole and sits unread (never consumed: the socket neither
   * returns to the pool nor closes). Absent when none.
   */
  unreadResponses?: number;
  /**
   * Where a request of the kind (method and path) that leaves responses unread was made: one whose stack
   * was taken and that still held an unread response at two collections. Innermost first; absent until seen.
   */
  heldBy?: Frame[];
}

/** Event-loop delay over the last interval, resolution already subtracted. */
export interface EventLoopStats {
  delayP50Ms: number;
  delayP99Ms: number;
  delayMaxMs: number;
  /** Event-loop utilisation over the interval, 0..1. */
  utilization: number;
  /**
   * How long the loop had not turned when the snapshot was taken, ms (0 when it was turning). The
   * inspector collects even while the target's own code holds the loop; such a block is not in the
   * delay histogram until the loop turns, so `delayMaxMs` is at least this. Absent from older agents.
   */
  blockedForMs?: number;
  /**
   * Where the loop was blocked, innermost frame first: the target's JavaScript stack under the
   * collection (which runs in an interrupt, on top of it), when `blockedForMs` ≥ 100. Absent otherwise.
   */
  blockedStack?: Frame[];
}

export interface MemoryStats {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

export interface HttpServerStats {
  /** Incoming requests received and not yet finished. */
  inFlight: number;
  /** Incoming requests finished since install (monotonic). */
  completed: number;
  /** Responses with status ≥ 500 since install (monotonic). */
  errors: number;
}

/** What the agent could not keep, by reason, since install (monotonic counters). */
export type DropCounters = Record<string, number>;

/** One collection: the state of the target at `time`. */
export interface AgentSnapshot {
  /** Wall-clock time of the collection, ms since the epoch. */
  time: number;
  /** Counts from `process.getActiveResourcesInfo()`, by type name. */
  resources: Record<string, number>;
  sockets: SocketStates & { total: number };
  /** Busiest peers first, at most `maxPeers`. */
  peers: PeerSockets[];
  pools: PoolOrigin[];
  fds: {
    /**
     * Open file descriptors; null where the platform gives no count, and in a worker thread (the
     * process's count is its main thread's).
     */
    open: number | null;
    /** The soft limit (`ulimit -n`); null when unknown. */
    limit: number | null;
  };
  eventLoop: EventLoopStats;
  memory: MemoryStats;
  http: HttpServerStats;
  agent: {
    /** CPU time the agent spent in this collection, ms. */
    collectCpuMs: number;
    dropped: DropCounters;
  };
  /** Optional sections added by later collectors (promises, TLS, undici); absent when off. */
  extensions?: Record<string, unknown>;
}

/** What the installed agent's `call(method, argJson)` returns, as JSON. */
export type AgentCallReply = { ok: true; result: unknown } | { ok: false; error: string };

/**
 * One allocation window the agent sampled with `v8.startHeapProfile` (Node 26+: no GC forced when it is
 * read, unlike the inspector's sampler), as `heapProfile.rotate`/`stop` hand it over.
 */
export interface AgentHeapWindow {
  /** The recording that started the profile (`heapProfile.start`'s `owner`). */
  owner: string;
  /**
   * V8's profile as it gave it, JSON text: `{ head, samples: [{ size, nodeId, ordinal, isLive }] }`, every
   * sample kept (objects GC collected since included; `isLive` says which were not).
   */
  profile: string;
  /** When the window started and ended, ms since the epoch. */
  startTime: number;
  endTime: number;
  /** Sampling interval, bytes. */
  samplingInterval: number;
  /** V8's `total_allocated_bytes` when the window started, bytes. */
  allocatedAtStart: number;
  /** The full (mark-compact) GCs in the window, in order: when each was seen (ms since the epoch) and V8's
   * `total_allocated_bytes` then, bytes. */
  fullGcs: { time: number; allocatedBytes: number }[];
}
