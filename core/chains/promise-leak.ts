/**
 * promise-leak: pending chains from one creation site grow steadily through the session without
 * settling (a promise per request that nobody resolves, a listener never removed, a retry loop).
 */
import type { AnalysisContext, TimedValue } from '../findings/analysis';
import { rounded } from '../findings/evidence-series';
import type { Finding } from '../findings/finding';
import { steadyGrowth, type GrowthThresholds } from '../findings/trend';
import type { Session } from '../session/session';
import { formatPercent } from '../units/percent';
import { chainSiteLabel, chainSiteStack, waitLabel } from './group-chains';
import type { ChainGroup, PromiseSection } from './promise-section';
import { timedPromiseSections } from './promise-sections';
import { waitsOnLiveWorker } from './worker-wait';

// A healthy service's pending chains follow its in-flight requests: they wander with load but do not
// climb to the end. A leak keeps climbing: ≥ 1 chain a second over the whole series and its later half,
// ≥ 20 more in all, and a Mann–Kendall Z ≥ 2.58 (the thresholds the socket-leak analysis was tuned with).
export const PENDING_CHAINS_GROWTH: GrowthThresholds = {
  minPoints: 6,
  minSlopePerS: 1,
  minGrowth: 20,
  minTrendZ: 2.58,
};
// At 20 unsettled chains a second, a few minutes hold tens of thousands of closures and their captures.
// Both judged on the process's real chains: observed ones ÷ the share of time hooks were on.
export const CRITICAL_SLOPE_PER_S = 20;
export const CRITICAL_PENDING = 10_000;
const GROUPS_REPORTED = 3;

/** A floor for the mean coverage, so that a session of near-zero coverage does not divide by zero. */
const MIN_COVERAGE = 0.01;

/**
 * The share of the session the agent's hooks were on (mean of the sections' `sampling.coverage`), 0..1:
 * under load hooks run in windows, and a leak's observed growth is about this × its real growth.
 */
function meanCoverage(timed: readonly { section: PromiseSection }[]): number {
  const values = timed.map((x) => x.section.sampling?.coverage).filter((c) => Number.isFinite(c));
  if (values.length === 0) return 1;
  const mean = (values as number[]).reduce((sum, c) => sum + c, 0) / values.length;
  return Math.min(1, Math.max(MIN_COVERAGE, mean));
}

/**
 * Chains waiting on a worker thread that is still running are settled by its replies: when they pile up,
 * the worker is behind (a blocked chain), not a promise nobody will resolve.
 */
function awaitsLiveWorker(group: ChainGroup): boolean {
  const wait = group.waits[0];
  return wait !== undefined && waitsOnLiveWorker(wait.reason);
}

/** One finding per creation site whose pending chains grow steadily (the fastest few). */
export function findPromiseLeak(session: Session, _context: AnalysisContext): Finding[] {
  const timed = timedPromiseSections(session);
  const byGroup = new Map<string, { group: ChainGroup; points: TimedValue[] }>();
  for (const { t, section } of timed) {
    for (const group of section.groups) {
      const entry = byGroup.get(group.id) ?? {
        group,
        points: timed.filter((x) => x.t < t).map((x) => ({ t: x.t, v: 0 })),
      };
      entry.group = group;
      entry.points.push({ t, v: group.count });
      byGroup.set(group.id, entry);
    }
    for (const entry of byGroup.values()) if (entry.points.at(-1)!.t !== t) entry.points.push({ t, v: 0 });
  }
  const growing = [...byGroup.values()]
    .filter((entry) => entry.group.id !== 'unsampled' && !awaitsLiveWorker(entry.group))
    .map((entry) => ({ ...entry, growth: steadyGrowth(entry.points, PENDING_CHAINS_GROWTH) }))
    .filter((entry) => entry.growth.steady)
    .sort((a, b) => b.growth.slopePerS - a.growth.slopePerS)
    .slice(0, GROUPS_REPORTED);
  // Severity is what the process holds: the observed counts scaled up by how much of the time hooks were on.
  const coverage = meanCoverage(timed);
  return growing.map(({ group, points, growth }) => {
    const stack = chainSiteStack(group);
    const where = chainSiteLabel(group);
    const last = points.at(-1)!.v;
    const wait = group.waits[0];
    const estimatedSlopePerS = growth.slopePerS / coverage;
    const sampled =
      coverage < 0.95
        ? ` Hooks were on ${formatPercent(coverage)} of the time: about ${rounded(estimatedSlopePerS)} a second in all.`
        : '';
    return {
      kind: 'promise-leak',
      severity:
        estimatedSlopePerS >= CRITICAL_SLOPE_PER_S || last / coverage >= CRITICAL_PENDING
          ? 'critical'
          : 'warning',
      title: `Promises leak at ${where}: ${last} pending, +${rounded(growth.slopePerS)}/s`,
      evidence: {
        summary:
          `Pending chains created at ${where} went from ${points[0]!.v} to ${last}, about ` +
          `${rounded(growth.slopePerS)} more each second, none settling; the oldest has waited ` +
          `${rounded(group.ageMaxMs / 1000)} s${wait ? ` on ${waitLabel(wait.reason)}` : ''}.${sampled}`,
        values: {
          first: points[0]!.v,
          last,
          slopePerS: rounded(growth.slopePerS, 2),
          trendZ: rounded(growth.trendZ, 2),
          coverage: rounded(coverage, 3),
          estimatedSlopePerS: rounded(estimatedSlopePerS, 2),
          ageMaxMs: Math.round(group.ageMaxMs),
          groupId: group.id,
        },
        series: [{ name: `pending chains ${group.id}`, unit: 'count', points }],
      },
      frames: stack,
      advice:
        'Make sure every promise created here settles: resolve or reject on every path (errors, timeouts, ' +
        "'close' events), remove listeners that would resolve it, and put a deadline on waits (AbortSignal.timeout).",
    };
  });
}
