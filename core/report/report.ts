/**
 * The report contract (`hyperscope report --json`): what a session shows at a glance, its findings first.
 * Versioned by `schema`; fields may be added, none removed or renamed within `hyperscope.report/1`.
 * Times are ms since the epoch, durations ms, sizes bytes, unless a name says otherwise.
 * A session of several processes or threads (a cluster, worker threads) reports all of them combined
 * unless `part` names one: `parts` lists them, each finding has its `place`, and the tables, summary and
 * notes cover every part (added within version 1: a reader of one-process reports reads these as before).
 */
import type { DropCounters } from '../agent-protocol';
import type { PromiseSection } from '../chains/promise-section';
import type { Finding } from '../findings/finding';
import type { Frame } from '../frame';
import type { AllocRatePoint } from '../profile/alloc-rate-series';
import type { HeapGrowth } from '../retainers/heap-growth';
import type { GrowthSite } from '../retainers/growth-sites';
import type { EndRecord, TargetInfo } from '../session/records';
import type { ReportMark } from './marks-section';
import type { ReportPart } from './parts-section';

export const REPORT_SCHEMA = 'hyperscope.report/1';

export interface Report {
  schema: typeof REPORT_SCHEMA;
  /** Version of Hyperscope that recorded the session. */
  recordedBy: string;
  target: Pick<TargetInfo, 'pid' | 'nodeVersion' | 'argv' | 'attachedBy'>;
  /** When recording started, ms since the epoch. */
  startedAt: number;
  /** From the start to the end record (or the last snapshot), ms. */
  durationMs: number;
  /** Collection interval the recorder used, ms. */
  intervalMs: number;
  /** How many snapshots were recorded (of every part the report covers). */
  snapshots: number;
  /** True when the file stopped mid-record (a killed recorder): the report covers what came before. */
  truncated: boolean;
  /** Why the recording ended; null when it has no end record. */
  endReason: EndRecord['reason'] | null;
  /** Most severe first; in a session of several parts each has its `place`. */
  findings: Finding[];
  summary: ReportSummary;
  /** The CPU profile's functions by self time, as `go tool pprof -top`; absent without a CPU profile. */
  cpu?: CpuReport;
  /** Allocation sampling: top functions, allocated vs still alive, sizes; absent without heap sampling. */
  allocations?: AllocationsReport;
  /**
   * What the heap gained between the recording's first and last heap snapshot, and what holds it
   * (`record --retainers`); absent without snapshots.
   */
  heapGrowth?: ReportHeapGrowth;
  /** Pending promise chains at the snapshot with the most of them; absent when the collector was off. */
  chains?: ChainsReport;
  /** The moments the user marked while recording, in time order (empty when none). */
  marks: ReportMark[];
  /** Warnings and errors the recorder logged and what the reader worked around, in time order. */
  notes: ReportNote[];
  /**
   * The processes and threads the session recorded, the header's target first; absent for a session of
   * one process. `target`, `summary` and the tables are then those of every part together, unless
   * `part` is set.
   */
  parts?: ReportPart[];
  /** The id of the one part (of `parts`) this report covers (`report --process`); absent: all of them. */
  part?: string;
}

/**
 * The last heap growth of the session (`HeapGrowth`: snapshot totals, kinds, holders with paths) and, from
 * the sampling profiles of the same recording, the functions that allocated the bytes still alive after
 * GC (`allocatedBy`, most first): what holds the growth beside what made it.
 */
export type ReportHeapGrowth = HeapGrowth & { allocatedBy: GrowthSite[] };

/**
 * The `promises` section of the peak snapshot (most pending chains): `groups` biggest first, each with
 * its creation site's `frames` (innermost first), `count`, ages `ageP50Ms`/`ageP99Ms`/`ageMaxMs` (ms)
 * and what its innermost links wait on (`waits`); `time` is when that snapshot was taken (ms since the epoch).
 */
export type ChainsReport = PromiseSection & {
  /** In a session of several parts: the id of the part whose peak this is (the one with most chains). */
  part?: string;
};

/**
 * Peaks and totals over the snapshots. For several parts together (`combineSummaries`): sockets, queued
 * requests, fds, heap and rss are the peak of their sum at each moment (fds and rss over processes only:
 * a thread shares its process's), requests and dropped counters add up, the event-loop delays are the
 * worst part's and utilisation the mean over every part's snapshots.
 */
export interface ReportSummary {
  /** Most sockets open at once (all states), count. */
  peakSockets: number;
  /** Most requests waiting for a socket at once, over all pools together, count. */
  peakQueued: number;
  fds: {
    /** Open descriptors at the last snapshot that counted them; null when never counted. */
    open: number | null;
    /** Most open at once; null when never counted. */
    peak: number | null;
    /** The soft limit (`ulimit -n`); null when unknown. */
    limit: number | null;
  };
  eventLoop: {
    /** The highest per-interval delay p99, ms; null without snapshots. */
    delayP99Ms: number | null;
    /** The longest delay seen, ms; null without snapshots. */
    delayMaxMs: number | null;
    /** Mean event-loop utilisation over the snapshots, 0..1; null without snapshots. */
    meanUtilization: number | null;
  };
  /** Highest `heapUsed`, bytes; null without snapshots. */
  heapPeakBytes: number | null;
  /** Highest resident set size, bytes; null without snapshots. */
  rssPeakBytes: number | null;
  requests: {
    /** Incoming requests finished between the first and the last snapshot. */
    completed: number;
    /** `completed` per second over that span. */
    perSecond: number;
    /** Incoming requests in flight at the last snapshot. */
    inFlight: number;
    /** Responses with status ≥ 500 between the first and the last snapshot. */
    errors: number;
  };
  /** What the agent could not keep, by reason: its counters at the last snapshot (since install). */
  dropped: DropCounters;
}

export interface ReportNote {
  /** ms since the epoch; null for what the reader noticed (it has no time). */
  time: number | null;
  level: 'info' | 'warning' | 'error';
  message: string;
}

/** The CPU windows of a session merged (of every part the report covers: their time adds up). */
export interface CpuReport {
  /** Profile windows merged into the table. */
  windows: number;
  /** Wall time the windows cover, ms; summed over parts (4 workers profiled for 10 s: 40 s). */
  profiledMs: number;
  /** µs between samples. */
  samplingIntervalUs: number;
  /** CPU time of everything but (idle), µs, Hyperscope's own included. */
  busyUs: number;
  /**
   * Highest flat first. `flat` is self time, `cum` self + callees (recursion once), both µs; (idle) and
   * `(hyperscope agent)` left out, percentages of the service's own busy time (`busyUs − hyperscope.cpuUs`).
   */
  top: TopLine[];
  /** What Hyperscope's agent used of the CPU: a line of its own, never a row of `top`. */
  hyperscope: HyperscopeCpuCost;
}

/** Hyperscope's own CPU in the profiled process(es): the `(hyperscope agent)` frame's self time. */
export interface HyperscopeCpuCost {
  /** µs of CPU in the agent's frames, all parts together. */
  cpuUs: number;
  /** ms of CPU per second profiled; with several parts, every part's rate added up. */
  cpuMsPerS: number;
  /** `cpuUs ÷ busyUs`, 0–1. */
  share: number;
}

/** Hyperscope's own allocations, from the allocated windows: the `(hyperscope agent)` frame's self bytes. */
export interface HyperscopeAllocCost {
  /** Bytes the agent's frames allocated, all parts together. */
  bytes: number;
  /** Bytes per second of the windows' time; with several parts, every part's rate added up. */
  bytesPerS: number;
  /** `bytes ÷` all bytes allocated, 0–1. */
  share: number;
}

/** One row of a `pprof -top` table: percentages of the table's total; `sumPercent` runs down the rows. */
export interface TopLine {
  frame: Frame;
  flat: number;
  flatPercent: number;
  sumPercent: number;
  cum: number;
  cumPercent: number;
}

/** Totals of one kind of allocation window. */
export interface AllocWindowsTotal {
  windows: number;
  /** Time those windows cover, ms; summed over parts (so `bytesPerSecond` is per part on average). */
  coveredMs: number;
  /** Bytes sampled in them (V8's scaled sizes). */
  bytes: number;
  bytesPerSecond: number;
  /**
   * The process's rate window by window, in time order: `startMs`/`endMs` since the start, bytes/s. With
   * several parts, every part's windows, each point naming its `part`.
   */
  series: (AllocRatePoint & { part?: string })[];
}

/** The allocation windows of a session: what was allocated, what of it survived GC, and object sizes. */
export interface AllocationsReport {
  /** Average bytes between samples. */
  samplingIntervalBytes: number;
  /** Object sizes up to this many bytes are estimated from V8's scaled samples; larger ones are exact. */
  sizesEstimatedUpToBytes: number;
  /** Windows that include objects GC collected since (everything allocated); null without one. */
  allocated: AllocWindowsTotal | null;
  /** Windows that keep only objects alive at their end, after a full GC; null without one. */
  alive: AllocWindowsTotal | null;
  /** Process-wide object sizes in powers of two (`≤16 B` … `≥1 MiB`), from the allocated windows. */
  histogram: SizeBucket[];
  /**
   * Functions by allocated bytes (flat: self, cum: with callees), with what of theirs stayed alive;
   * `(hyperscope agent)` left out, percentages of the service's own allocated bytes.
   */
  top: AllocTopLine[];
  /**
   * Functions by still-alive bytes, only those that kept some themselves; percentages of the service's
   * still-alive bytes (`(hyperscope agent)` left out). Empty without alive windows.
   */
  topAlive: AllocTopLine[];
  /** What Hyperscope's agent allocated: a line of its own, never a row; null without allocated windows. */
  hyperscope: HyperscopeAllocCost | null;
}

export interface SizeBucket {
  label: string;
  /** The bucket holds objects up to this size, bytes; null for the last (≥ 1 MiB). */
  upToBytes: number | null;
  samples: number;
  bytes: number;
  /** Objects the samples stand for (bytes ÷ object size). */
  objects: number;
}

/**
 * A `TopLine` in bytes of the table's kind (allocated for `top`, still alive for `topAlive`), with the
 * function's own bytes from both kinds of window; null where that kind was not recorded.
 */
export interface AllocTopLine extends TopLine {
  allocatedBytes: number | null;
  allocatedBytesPerSecond: number | null;
  aliveBytes: number | null;
  aliveBytesPerSecond: number | null;
}
