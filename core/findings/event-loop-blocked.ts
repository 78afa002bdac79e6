/**
 * event-loop-blocked: synchronous work holding the event loop, so every request waits behind it.
 * Seen as event-loop delay far above a healthy level in several snapshots close together. Utilisation
 * decides severity, not detection: 150 ms of sync work once a second stalls every request in flight
 * though the loop is busy only ~40% of the time; near 1 (with a high p99) nothing else gets a turn.
 */
import type { EventLoopStats } from '../agent-protocol';
import type { Frame } from '../frame';
import type { Session } from '../session/session';
import { formatDurationMs } from '../units/duration';
import { formatPercent } from '../units/percent';
import type { AnalysisContext } from './analysis';
import { timedSnapshots } from './analysis';
import { rounded, seriesOf } from './evidence-series';
import type { Finding, Severity } from './finding';
import { median } from './trend';
import { intervalsWithOwnPause } from './own-pauses';

// A healthy service under moderate load keeps delay p99 under ~20 ms; a GC pause or a cold path can push
// one interval's max to 50–80 ms. 100 ms of delay is a stall a user's request feels.
export const STALL_MAX_DELAY_MS = 100;
// One stall is a GC pause or a one-off; 3 within 10 snapshots (10 s at 1 s) is a pattern.
export const MIN_STALLS_IN_WINDOW = 3;
export const WINDOW_SNAPSHOTS = 10;
// The loop saturated: busy ≥ 90% of the interval while stalling, so nothing else gets a turn.
export const CRITICAL_UTILIZATION = 0.9;
// A p99 this high means the stall is not a tail: most of the interval's requests waited it out.
export const CRITICAL_P99_MS = 100;
// A stall of a second or more times out health checks and upstream callers, however rare.
export const CRITICAL_MAX_DELAY_MS = 1000;

/**
 * At most one finding, citing the stack the loop was caught blocked in, or else the busiest CPU window's
 * heaviest stack as the likely culprit.
 */
export function findEventLoopBlocked(session: Session, context: AnalysisContext): Finding[] {
  const samples = timedSnapshots(session).map(({ t, snapshot }) => ({ t, loop: snapshot.eventLoop }));
  // Intervals in which Hyperscope itself paused the target (agent install, profile collection) don't count.
  const ours = intervalsWithOwnPause(session);
  const stalled = samples.map((sample, i) => !ours[i] && sample.loop.delayMaxMs >= STALL_MAX_DELAY_MS);
  if (mostStallsInAnyWindow(stalled) < MIN_STALLS_IN_WINDOW) return [];
  const stalls = samples.filter((_, i) => stalled[i]).map((sample) => sample.loop);
  const worstMaxMs = Math.max(...stalls.map((loop) => loop.delayMaxMs));
  const worstP99Ms = Math.max(...stalls.map((loop) => loop.delayP99Ms));
  const utilization = median(stalls.map((loop) => loop.utilization));
  const severity = severityOf(stalls, worstMaxMs);
  return [
    {
      kind: 'event-loop-blocked',
      severity,
      title: `Event loop blocked: delay up to ${Math.round(worstMaxMs)} ms in ${stalls.length} of ${samples.length} snapshots`,
      evidence: {
        summary:
          `Event-loop delay reached ${Math.round(worstMaxMs)} ms (p99 up to ${Math.round(worstP99Ms)} ms) in ` +
          `${stalls.length} of ${samples.length} snapshots, with the loop busy ${formatPercent(utilization)} ` +
          `of the time (median over the stalls): every request waits behind synchronous work.` +
          stillBlocked(samples.at(-1)?.loop),
        values: {
          stalledSnapshots: stalls.length,
          snapshots: samples.length,
          worstMaxMs: rounded(worstMaxMs),
          worstP99Ms: rounded(worstP99Ms),
          medianUtilizationWhileStalled: rounded(utilization, 2),
        },
        series: [
          seriesOf('delay p99', 'ms', samples, (sample) => sample.loop.delayP99Ms),
          seriesOf('delay max', 'ms', samples, (sample) => sample.loop.delayMaxMs),
          seriesOf('utilization', 'ratio', samples, (sample) => sample.loop.utilization),
        ],
      },
      frames: [...(stuckStack(stalls) ?? context.hotStack ?? [])],
      advice:
        'Move the synchronous work (the hot stack) off the event loop: a worker_threads pool for CPU work, ' +
        'streaming or chunked processing for large payloads (JSON, compression, crypto), async APIs instead of ' +
        '*Sync ones; or split long loops with setImmediate so requests get turns.',
    },
  ];
}

/**
 * The stack the loop was seen stuck in, from the longest block caught in the act (the agent takes it
 * when a collection finds the loop not turning): exact where the CPU profile can only guess.
 */
function stuckStack(stalls: EventLoopStats[]): readonly Frame[] | undefined {
  let longest: EventLoopStats | undefined;
  for (const loop of stalls) {
    if (!loop.blockedStack?.length) continue;
    if (!longest || (loop.blockedForMs ?? 0) > (longest.blockedForMs ?? 0)) longest = loop;
  }
  return longest?.blockedStack;
}

/** A sentence when the loop had not turned for a while at the last snapshot (a stuck service). */
function stillBlocked(last: EventLoopStats | undefined): string {
  const ms = last?.blockedForMs ?? 0;
  if (ms < STALL_MAX_DELAY_MS) return '';
  return ` At the last snapshot the loop had not turned for ${formatDurationMs(ms)}: it was still blocked.`;
}

function severityOf(stalls: EventLoopStats[], worstMaxMs: number): Severity {
  const saturated = stalls.filter(
    (loop) => loop.utilization >= CRITICAL_UTILIZATION && loop.delayP99Ms >= CRITICAL_P99_MS,
  ).length;
  return saturated >= MIN_STALLS_IN_WINDOW || worstMaxMs >= CRITICAL_MAX_DELAY_MS ? 'critical' : 'warning';
}

/** The largest number of `true`s in any `WINDOW_SNAPSHOTS` consecutive entries. */
function mostStallsInAnyWindow(stalled: boolean[]): number {
  let inWindow = 0;
  let most = 0;
  stalled.forEach((isStalled, i) => {
    if (isStalled) inWindow++;
    if (i >= WINDOW_SNAPSHOTS && stalled[i - WINDOW_SNAPSHOTS]) inWindow--;
    most = Math.max(most, inWindow);
  });
  return most;
}
