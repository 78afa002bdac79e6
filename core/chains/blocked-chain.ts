/**
 * blocked-chain: many chains from one creation site (typically one per request) wait long at the same
 * place — a pool with no free socket, a connect that never completes, a lock. Judged on the snapshots
 * where it holds: at least two, a second or more apart (whatever the interval), so a single slow moment is
 * not reported. Reasoning in docs/findings.md.
 */
import type { AnalysisContext } from '../findings/analysis';
import { rounded } from '../findings/evidence-series';
import type { Finding } from '../findings/finding';
import type { Session } from '../session/session';
import { distinctBlockages } from './distinct-blockages';
import { chainSiteLabel, chainSiteStack, waitLabel } from './group-chains';
import { findPromiseLeak } from './promise-leak';
import type { ChainGroup } from './promise-section';
import { timedPromiseSections } from './promise-sections';
import { waitsOnLiveWorker } from './worker-wait';

/** "Many": chains of one group waiting at once. */
export const MIN_BLOCKED_CHAINS = 10;
/** "Long": the group's median age, ms. A request handler that waits a second for one await is stuck. */
export const MIN_BLOCKED_AGE_MS = 1000;
/** Seen blocked in this many snapshots… */
export const MIN_SNAPSHOTS = 2;
/** …spanning this long, ms (2 snapshots at 1 s, 3 at 500 ms): one batch of slow requests seen twice is not it. */
export const MIN_BLOCKED_SPAN_MS = 1000;
/** Waiting this long (median), or this many chains at once, is critical. */
export const CRITICAL_AGE_MS = 10_000;
export const CRITICAL_CHAINS = 100;
const ADVICE =
  'Put a deadline on what these chains wait for (a connect or request timeout, AbortSignal.timeout), ' +
  'size the pool for the load or shed requests when it is exhausted, and check the upstream it waits on.';
// The main thread is only the messenger: the worker's own recording says what it waits on.
const WORKER_ADVICE =
  'The worker thread answers slower than requests arrive: see what it waits on (its own chains, pools and ' +
  'findings, when its thread is recorded too), give it more capacity or more workers, bound the requests ' +
  'handed to it and put a deadline on each reply.';

export function findBlockedChain(session: Session, context: AnalysisContext): Finding[] {
  // Chains that pile up without ever settling are a leak, reported as such, not a line of waiting requests.
  const leaking = new Set(findPromiseLeak(session, context).map((leak) => leak.evidence.values['groupId']));
  const blocked = new Map<string, { worst: ChainGroup; hits: number; points: { t: number; v: number }[] }>();
  for (const { t, section } of timedPromiseSections(session)) {
    for (const group of section.groups) {
      if (
        group.id === 'unsampled' ||
        group.count < MIN_BLOCKED_CHAINS ||
        group.ageP50Ms < MIN_BLOCKED_AGE_MS ||
        waitsUnknown(group) ||
        leaking.has(group.id)
      )
        continue;
      const entry = blocked.get(group.id) ?? { worst: group, hits: 0, points: [] };
      entry.hits++;
      entry.points.push({ t, v: group.count });
      if (group.count >= entry.worst.count) entry.worst = group;
      blocked.set(group.id, entry);
    }
  }
  // Collections land a few ms either side of their interval: half an interval of slack.
  const minSpanMs = MIN_BLOCKED_SPAN_MS - session.header.options.intervalMs / 2;
  const entries = [...blocked.values()]
    .filter(
      (entry) => entry.hits >= MIN_SNAPSHOTS && entry.points.at(-1)!.t - entry.points[0]!.t >= minSpanMs,
    )
    .sort((a, b) => b.worst.count - a.worst.count);
  // One finding per blockage, named by the service's own frame.
  return distinctBlockages(entries).map(({ worst, points }) => {
    const stack = chainSiteStack(worst);
    const where = chainSiteLabel(worst);
    const wait = worst.waits[0];
    const waitText = wait ? waitLabel(wait.reason) : 'an unknown resource';
    return {
      kind: 'blocked-chain',
      severity: worst.ageP50Ms >= CRITICAL_AGE_MS || worst.count >= CRITICAL_CHAINS ? 'critical' : 'warning',
      title: `${worst.count} chains blocked at ${where} for ${rounded(worst.ageP50Ms / 1000)} s (median) on ${waitText}`,
      evidence: {
        summary:
          `Up to ${worst.count} pending chains created at ${where} waited at once, median ` +
          `${rounded(worst.ageP50Ms / 1000)} s, longest ${rounded(worst.ageMaxMs / 1000)} s; ` +
          `the innermost links wait on ${waitText}${wait ? ` (${wait.count} of them)` : ''}.`,
        values: {
          chains: worst.count,
          ageP50Ms: Math.round(worst.ageP50Ms),
          ageP99Ms: Math.round(worst.ageP99Ms),
          ageMaxMs: Math.round(worst.ageMaxMs),
          waitsOn: waitText,
          groupId: worst.id,
        },
        series: [{ name: `blocked chains ${worst.id}`, unit: 'count', points }],
      },
      frames: stack,
      advice: wait && waitsOnLiveWorker(wait.reason) ? WORKER_ADVICE : ADVICE,
    };
  });
}

/**
 * Chains created before the agent looked (a worker loop started at boot, a client that runs for the
 * whole session) are old by nature and what they wait on is unknown: not evidence of a blockage.
 */
function waitsUnknown(group: ChainGroup): boolean {
  return group.waits.length > 0 && group.waits.every((wait) => wait.reason.kind === 'untracked');
}
