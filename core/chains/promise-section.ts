/**
 * The `promises` section of an agent snapshot (`AgentSnapshot.extensions.promises`): pending promise
 * chains grouped by the creation site of their outermost link — a goroutine dump for Node.
 * Times are ms; `…Ms` fields are durations. Counts are of promises the agent observed: hooks run in
 * sampling windows (see `sampling.coverage`), so under load the counts are a sample of the real ones.
 */
import type { Frame } from '../frame';

/** What the innermost link of a chain waits on. */
export type WaitKind =
  | 'socket-connect'
  | 'tls-handshake'
  | 'dns-lookup'
  /** A request queued for a pooled socket: in an `http.Agent` (`agent.requests`) or an undici Pool (detail `undici host:port`). */
  | 'pool-queue'
  /** Connected socket, waiting for data (a response, a message). */
  | 'socket-read'
  | 'timer'
  | 'file'
  /** An incoming request body (detail `IncomingMessage POST /path`) or another readable stream, iterated or read by events. */
  | 'stream'
  /**
   * A reply over a `postMessage` the link's executor sent (or a `Worker` it made): detail
   * `worker thread 3 (resize.js)` (`, exited` once that thread ended), `MessagePort` or `BroadcastChannel <name>`.
   */
  | 'worker'
  /** A promise shared with another group (awaited from several chains). */
  | 'group'
  /** Created before sampling began, or while resources were not observed: the agent does not know what it waits on. */
  | 'untracked'
  /** No resource was seen behind it: possibly a promise nobody will ever resolve. */
  | 'none';

export interface WaitReason {
  kind: WaitKind;
  /** Extra detail: the async resource type, the peer `host:port`, a timer's delay… */
  detail?: string;
  /** For `group`: the outermost site of the chains that own the awaited promise (their group ids start with it). */
  groupId?: string;
}

/** Pending chains whose outermost link was created at one site. */
export interface ChainGroup {
  /** Stable within one agent install: derived from the sites' frames (`<outermost>` or `<outermost>.<wait site>`). */
  id: string;
  /** The outermost link's creation stack, innermost first (user frames; the first is the site). Empty when no stack was sampled. */
  frames: Frame[];
  /**
   * Where the chains wait: the creation stack of the deepest link below the outermost one that has a
   * sampled stack (innermost first). Chains are grouped by both sites; absent when no inner link was sampled.
   */
  waitFrames?: Frame[];
  /** Pending chains in this group (observed). */
  count: number;
  /** Age of the chains (since the outermost link was created), ms. */
  ageP50Ms: number;
  ageP99Ms: number;
  ageMaxMs: number;
  /** What the innermost links wait on: chains by reason, most common first. */
  waits: { reason: WaitReason; count: number }[];
  /** Links in the longest chain of the group (outermost to innermost, inclusive). */
  maxDepth: number;
}

/** One link of a chain, as `chain(groupId)` returns it. */
export interface ChainLink {
  /** `root`: created without a parent (async function, `new Promise`, combinator); `derived`: `.then`/`await`/combinator input. */
  kind: 'root' | 'derived';
  /** Where the link was created, innermost first; empty when its stack was not sampled. */
  frames: Frame[];
  ageMs: number;
}

/** One chain, outermost link first: the answer of the collector method `chain(groupId)`. */
export interface PromiseChain {
  groupId: string;
  links: ChainLink[];
  wait: WaitReason;
}

/** Counters since the collector started (monotonic), except `pending`. */
export interface PromiseCounts {
  created: number;
  settled: number;
  /** Observed promises pending now: `created - settled - collectedUnsettled`. */
  pending: number;
  /** Pending promises the agent counts but keeps no detail for (slot table full). */
  pendingWithoutDetail: number;
  /** Promises garbage-collected while still pending (never settled, nobody could settle them). */
  collectedUnsettled: number;
}

export interface PromiseSampling {
  /** Fraction of the time since the previous collection that hooks were on, 0..1. */
  coverage: number;
  /** Whether hooks are on at this moment. */
  active: boolean;
  /** Observed promise creation rate while hooks were on, promises per second. */
  promisesPerSecond: number;
  /** Fraction of eligible links that got a creation stack, 0..1, since the previous collection. */
  stackRatio: number;
}

export interface PromiseSection {
  /** Wall-clock time of the collection, ms since the epoch. */
  time: number;
  counts: PromiseCounts;
  sampling: PromiseSampling;
  /** Biggest first, at most `maxGroups`. */
  groups: ChainGroup[];
  /** Pending chains observed (sum over all groups, including those cut by `maxGroups`). */
  chains: number;
  /** What could not be kept since start, by reason (monotonic). */
  dropped: Record<string, number>;
}

/** Knobs of the promise collector (`AgentOptions.promises`); every field has a default. */
export interface PromiseOptions {
  /** Run the collector at all. Default true (`hyperscope record --no-promises` sends false). */
  enabled?: boolean;
  /** Length of one sampling window with hooks on, ms. Default 200. */
  windowMs?: number;
  /**
   * Promises one window observes at most: at a higher rate the window ends early and its pause is as
   * much shorter, so hooks cost the same share in short bursts rather than a 200 ms one every ~20 s (a
   * burst the first seconds of a recording paid in full). Default 8000 (~25 ms at 300,000 promises/s).
   */
  windowPromises?: number;
  /** Throughput share the collector may cost, 0..1; sets the pause between windows. Default 0.01. */
  overheadBudget?: number;
  /** Estimated cost of one observed promise with hooks on, µs (calibrated by bench/promise-overhead.ts). Default 3. */
  costPerPromiseUs?: number;
  /** Creation stacks captured per second of hooks-on time, at most (~5 µs each). Default 1000. */
  stacksPerSecond?: number;
  /** Frames kept per stack. Default 12. */
  stackDepth?: number;
  /** Promises described individually (slots); beyond, counted only. Default 65536. */
  maxTracked?: number;
  /**
   * Resources behind promises (what a chain waits on) are observed with async_hooks, which makes every
   * promise created meanwhile ~70 bytes heavier and slower: only in windows after one whose rate was
   * below this, promises per second (never in the first window). Default 20000.
   */
  attributeBelowRate?: number;
  /** Groups per section. Default 50. */
  maxGroups?: number;
  /** Pending promises whose state is checked per collection once hooks are off. Default 4000. */
  checksPerCollect?: number;
  /** "Every promise, every stack": hooks always on and a stack for every link (benchmarks only). */
  exhaustive?: boolean;
}
