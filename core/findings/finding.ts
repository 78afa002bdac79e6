/** Findings: the pitfalls the analyses name, with their evidence. See DESIGN.md for the kinds. */
import type { Frame } from '../frame';
import type { GrowthHolderSummary } from '../retainers/heap-growth';

export type FindingKind =
  | 'pool-starvation'
  | 'socket-leak'
  | 'fd-exhaustion'
  | 'tls-handshake-slow'
  | 'tls-handshake-stalled'
  | 'promise-leak'
  | 'blocked-chain'
  | 'alloc-hotspot'
  | 'heap-growth'
  | 'event-loop-blocked';

export type Severity = 'critical' | 'warning' | 'info';

/** One named series of the evidence: `t` is ms since the session's start. */
export interface EvidenceSeries {
  name: string;
  /** 'count', 'ms', 'bytes', 'ratio', … */
  unit: string;
  points: { t: number; v: number }[];
}

export interface Evidence {
  /** One sentence with the numbers that matter. */
  summary: string;
  /** Key figures by name (e.g. `maxQueued: 37`). */
  values: Record<string, number | string>;
  series: EvidenceSeries[];
  /**
   * What holds the memory that grew, from the recording's heap snapshots (`record --retainers`), most
   * bytes first: `alloc-hotspot` (surviving) and `heap-growth` findings carry it.
   */
  holders?: GrowthHolderSummary[];
}

/** Which process or thread of a session of several a finding is about (`core/session/session-parts.ts`). */
export interface FindingPlace {
  /** The `SessionPart` id: `main`, or a source id such as `p4242` or `p4242.t1`. */
  part: string;
  /** `worker 2 of 4`, `thread 1 (resize.js)`, `primary (pid 4242)`. */
  label: string;
  pid: number;
  /** 0 for a process's main thread. */
  threadId: number;
}

export interface Finding {
  kind: FindingKind;
  severity: Severity;
  title: string;
  evidence: Evidence;
  /** The code responsible, innermost first; empty when it cannot be had. */
  frames: Frame[];
  advice: string;
  /** Set in a session of several processes or threads: the one this finding is about. */
  place?: FindingPlace;
}
