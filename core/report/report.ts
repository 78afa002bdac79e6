/**
 * The report contract (`hyperscope report --json`): what a session shows at a glance, its findings first.
 * Versioned by `schema`; fields may be added, none removed or renamed within `hyperscope.report/1`.
 * Times are ms since the epoch, durations ms, sizes bytes, unless a name says otherwise.
 */
import type { DropCounters } from '../agent-protocol';
import type { Finding } from '../findings/finding';
import type { EndRecord, TargetInfo } from '../session/records';

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
  /** How many snapshots were recorded. */
  snapshots: number;
  /** True when the file stopped mid-record (a killed recorder): the report covers what came before. */
  truncated: boolean;
  /** Why the recording ended; null when it has no end record. */
  endReason: EndRecord['reason'] | null;
  /** Most severe first. */
  findings: Finding[];
  summary: ReportSummary;
  /** Warnings and errors the recorder logged and what the reader worked around, in time order. */
  notes: ReportNote[];
}

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
