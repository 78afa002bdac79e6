/** The summary figures of a report: peaks and totals over a session's snapshots. */
import type { AgentSnapshot } from '../agent-protocol';
import { queuedInAllPools } from '../network/all-pools';
import type { Session } from '../session/session';
import type { ReportSummary } from './report';

/** Peaks, last values and totals over `session.snapshots`; nulls and zeros when there are none. */
export function summarizeSession(session: Session): ReportSummary {
  const snapshots = session.snapshots;
  const first = snapshots[0];
  const last = snapshots.at(-1);
  const counted = snapshots.flatMap((s) => (s.fds.open === null ? [] : [s.fds.open]));
  const spanS = first && last ? (last.time - first.time) / 1000 : 0;
  const completed = first && last ? last.http.completed - first.http.completed : 0;
  return {
    peakSockets: peak(snapshots, (s) => s.sockets.total) ?? 0,
    // http.Agent and undici pools alike: a starved fetch pool must not read as "0 queued".
    peakQueued: peak(snapshots, queuedInAllPools) ?? 0,
    fds: {
      open: counted.at(-1) ?? null,
      peak: counted.length > 0 ? Math.max(...counted) : null,
      limit: snapshots.findLast((s) => s.fds.limit !== null)?.fds.limit ?? null,
    },
    eventLoop: {
      delayP99Ms: peak(snapshots, (s) => s.eventLoop.delayP99Ms),
      delayMaxMs: peak(snapshots, (s) => s.eventLoop.delayMaxMs),
      meanUtilization:
        snapshots.length > 0
          ? snapshots.reduce((sum, s) => sum + s.eventLoop.utilization, 0) / snapshots.length
          : null,
    },
    heapPeakBytes: peak(snapshots, (s) => s.memory.heapUsed),
    rssPeakBytes: peak(snapshots, (s) => s.memory.rss),
    requests: {
      completed,
      perSecond: spanS > 0 ? completed / spanS : 0,
      inFlight: last?.http.inFlight ?? 0,
      errors: first && last ? last.http.errors - first.http.errors : 0,
    },
    dropped: { ...(last?.agent.dropped ?? {}) },
  };
}

function peak(
  snapshots: readonly AgentSnapshot[],
  value: (snapshot: AgentSnapshot) => number,
): number | null {
  let most: number | null = null;
  for (const snapshot of snapshots) most = Math.max(most ?? -Infinity, value(snapshot));
  return most;
}
