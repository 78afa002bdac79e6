/**
 * fd-exhaustion: open file descriptors climbing toward the soft limit, where `accept`, `connect` and
 * `open` start failing with EMFILE ("too many open files").
 */
import type { Session } from '../session/session';
import type { AnalysisContext, TimedValue } from './analysis';
import { sinceStartMs } from './analysis';
import { rounded } from './evidence-series';
import type { Finding, Severity } from './finding';
import type { Growth, GrowthThresholds } from './trend';
import { steadyGrowth } from './trend';

// A healthy service holds 20–50 fds that wander with load; a leak climbs to the end: ≥ 1 fd a second,
// ≥ 10 in all, and a Mann–Kendall Z ≥ 3.09 (one-sided p 0.001). Stricter than socket-leak because fd
// counts are noisier (files come and go per request) and any steady climb toward 1024 is at least a
// warning. Measured on the test timeline (35 ± 12 fds, 2000 seeds): ~1 healthy session in 2000 fires at
// 10–15 s, none at 60 s; a leak of 10/s is found by 10 s, 5/s by ~12 s, 20/s by 8 s.
export const FD_GROWTH: GrowthThresholds = {
  minPoints: 6,
  minSlopePerS: 1,
  minGrowth: 10,
  minTrendZ: 3.09,
};
// Past 80% of the limit a burst of connections is enough to hit EMFILE.
export const CRITICAL_SHARE_OF_LIMIT = 0.8;
// Half the limit is far above any healthy level (20–50 of 1024) and worth a look even when flat.
export const WARNING_SHARE_OF_LIMIT = 0.5;
// Running out within minutes at the present rate: act now. Within the hour: before the next deploy.
export const CRITICAL_PROJECTION_MS = 5 * 60_000;
export const WARNING_PROJECTION_MS = 60 * 60_000;

/** At most one finding: fds near the limit, or climbing steadily toward it. */
export function findFdExhaustion(session: Session, _context: AnalysisContext): Finding[] {
  const points: TimedValue[] = [];
  let limit: number | null = null;
  for (const snapshot of session.snapshots) {
    if (snapshot.fds.open === null) continue;
    points.push({ t: sinceStartMs(session, snapshot.time), v: snapshot.fds.open });
    limit = snapshot.fds.limit ?? limit;
  }
  if (points.length === 0) return [];
  const growth = steadyGrowth(points, FD_GROWTH);
  const last = points.at(-1)!.v;
  const peak = Math.max(...points.map((p) => p.v));
  const projectedMs = growth.steady && limit !== null ? ((limit - last) / growth.slopePerS) * 1000 : null;
  const severity = severityOf(limit === null ? null : peak / limit, projectedMs, growth);
  if (severity === null) return [];
  return [
    {
      kind: 'fd-exhaustion',
      severity,
      title: titleOf(last, limit, projectedMs, growth),
      evidence: {
        summary: summaryOf(points[0]!.v, last, peak, limit, projectedMs, growth),
        values: {
          open: last,
          peakOpen: peak,
          limit: limit ?? 'unknown',
          peakPercentOfLimit: limit === null ? 'unknown' : rounded((peak / limit) * 100),
          slopePerS: rounded(growth.slopePerS, 2),
          projectedSecondsToLimit: projectedMs === null ? 'n/a' : Math.max(0, Math.round(projectedMs / 1000)),
        },
        series: [
          { name: 'open fds', unit: 'count', points },
          ...(limit === null
            ? []
            : [{ name: 'limit', unit: 'count', points: points.map((p) => ({ t: p.t, v: limit })) }]),
        ],
      },
      frames: [],
      advice:
        'Close what you open: file handles in `finally` (or streams through `pipeline`), sockets through ' +
        'timeouts and consumed responses. `ls -l /proc/<pid>/fd` shows what the descriptors are. ' +
        'Raise `ulimit -n` only once the climb has stopped.',
    },
  ];
}

function severityOf(
  shareOfLimit: number | null,
  projectedMs: number | null,
  growth: Growth,
): Severity | null {
  const share = shareOfLimit ?? 0;
  if (share > CRITICAL_SHARE_OF_LIMIT) return 'critical';
  if (projectedMs !== null && projectedMs <= CRITICAL_PROJECTION_MS) return 'critical';
  if (share > WARNING_SHARE_OF_LIMIT) return 'warning';
  if (projectedMs !== null && projectedMs <= WARNING_PROJECTION_MS) return 'warning';
  // A steady climb far from the limit (or with no known limit) is still worth knowing about.
  return growth.steady ? 'info' : null;
}

function titleOf(last: number, limit: number | null, projectedMs: number | null, growth: Growth): string {
  const of = limit === null ? 'limit unknown' : `of ${limit}`;
  const when = projectedMs === null ? '' : `, limit reached in ~${durationText(projectedMs)}`;
  const verb = growth.steady ? 'climbing' : 'near the limit';
  return `File descriptors ${verb}: ${last} open (${of})${when}`;
}

function summaryOf(
  first: number,
  last: number,
  peak: number,
  limit: number | null,
  projectedMs: number | null,
  growth: Growth,
): string {
  const rate = growth.steady ? ` at about ${rounded(growth.slopePerS)}/s` : '';
  const limitText = limit === null ? 'the limit is unknown' : `the limit is ${limit}`;
  const projection =
    projectedMs === null ? '' : ` At this rate the limit is reached in ~${durationText(projectedMs)}.`;
  return `Open file descriptors went from ${first} to ${last}${rate} (peak ${peak}); ${limitText}.${projection}`;
}

function durationText(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  return seconds < 120 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}
