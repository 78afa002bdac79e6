/**
 * The summary of several processes and threads together (`ReportSummary` says what each figure means
 * then): peaks of sums taken moment by moment over the parts' own snapshots, which are not taken at
 * the same instants, so each part counts with its latest value from its first snapshot to its last.
 */
import type { AgentSnapshot } from '../agent-protocol';
import { queuedInAllPools } from '../network/all-pools';
import type { ReportSummary } from './report';

/** One part's snapshots and its own summary (`summarizeSession` of its session). */
export interface SummaryPart {
  /** A thread shares its process's descriptors and resident memory: those count once, by the process. */
  kind: 'process' | 'thread';
  snapshots: readonly AgentSnapshot[];
  summary: ReportSummary;
}

export function combineSummaries(parts: readonly SummaryPart[]): ReportSummary {
  const processes = parts.filter((part) => part.kind === 'process');
  const all = parts.map((part) => part.summary);
  const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
  const known = (values: readonly (number | null)[]): number[] =>
    values.filter((v): v is number => v !== null);
  const limits = known(processes.map((part) => part.summary.fds.limit));
  const opens = known(processes.map((part) => part.summary.fds.open));
  const snapshots = sum(parts.map((part) => part.snapshots.length));
  const utilizations = parts.flatMap((p) => p.snapshots.map((s) => s.eventLoop.utilization));
  return {
    peakSockets: peakOfSum(parts, (s) => s.sockets.total) ?? 0,
    peakQueued: peakOfSum(parts, queuedInAllPools) ?? 0,
    fds: {
      open: opens.length > 0 ? sum(opens) : null,
      peak: peakOfSum(processes, (s) => s.fds.open),
      limit: limits.length > 0 ? sum(limits) : null,
    },
    eventLoop: {
      delayP99Ms: maxOf(known(all.map((s) => s.eventLoop.delayP99Ms))),
      delayMaxMs: maxOf(known(all.map((s) => s.eventLoop.delayMaxMs))),
      meanUtilization: snapshots > 0 ? sum(utilizations) / snapshots : null,
    },
    heapPeakBytes: peakOfSum(parts, (s) => s.memory.heapUsed),
    rssPeakBytes: peakOfSum(processes, (s) => s.memory.rss),
    requests: {
      completed: sum(all.map((s) => s.requests.completed)),
      perSecond: sum(all.map((s) => s.requests.perSecond)),
      inFlight: sum(all.map((s) => s.requests.inFlight)),
      errors: sum(all.map((s) => s.requests.errors)),
    },
    dropped: addedCounters(all.map((s) => s.dropped)),
  };
}

function maxOf(values: readonly number[]): number | null {
  return values.length > 0 ? Math.max(...values) : null;
}

/**
 * The highest sum over `parts` of `value`, taking at each snapshot of any part every part's latest value
 * (a part counts from its first snapshot to its last); null when no snapshot has a value.
 */
export function peakOfSum(
  parts: readonly { snapshots: readonly AgentSnapshot[] }[],
  value: (snapshot: AgentSnapshot) => number | null,
): number | null {
  const moments = parts
    .flatMap((part, p) =>
      part.snapshots.map((snapshot, i) => ({
        time: snapshot.time,
        part: p,
        value: value(snapshot),
        last: i === part.snapshots.length - 1,
      })),
    )
    .sort((a, b) => a.time - b.time);
  const latest = new Map<number, number>();
  let total = 0;
  let peak: number | null = null;
  for (const moment of moments) {
    if (moment.value !== null) {
      total += moment.value - (latest.get(moment.part) ?? 0);
      latest.set(moment.part, moment.value);
      peak = Math.max(peak ?? -Infinity, total);
    }
    if (moment.last) {
      total -= latest.get(moment.part) ?? 0;
      latest.delete(moment.part);
    }
  }
  return peak;
}

function addedCounters(counters: readonly Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const counter of counters)
    for (const [name, count] of Object.entries(counter)) out[name] = (out[name] ?? 0) + count;
  return out;
}
