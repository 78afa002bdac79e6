/**
 * event-loop-blocked: synchronous work holding the event loop, so every request waits behind it.
 * Two shapes, each judged by what requests suffer (thresholds and reasoning in docs/findings.md):
 * - long blocks: event-loop delay far above a healthy level in several snapshots close together, or one
 *   block of a second or more (which one or two snapshots may be all that catch).
 *   Utilisation decides severity, not detection: 150 ms of sync work once a second stalls every request
 *   in flight though the loop is busy only ~40% of the time; near 1 (with a high p99) nothing else gets a turn.
 * - saturated: many medium blocks back to back (no single one long), the loop busy nearly all the time with
 *   a high p99 for a sustained stretch (`loop-saturation.ts`).
 */
import type { EventLoopStats } from '../agent-protocol';
import type { Frame } from '../frame';
import type { Session } from '../session/session';
import { formatDurationMs } from '../units/duration';
import { formatPercent } from '../units/percent';
import type { AnalysisContext } from './analysis';
import { timedSnapshots } from './analysis';
import { rounded, seriesOf } from './evidence-series';
import type { EvidenceSeries, Finding, Severity } from './finding';
import { longestSaturatedStretch, type LoopSample, type SaturatedStretch } from './loop-saturation';
import { median } from './trend';
import { delayMayBeOurs } from './own-pauses';
import { caughtShare, stuckStackInProfile } from './stuck-in-profile';
import type { ProfileModel } from '../profile/profile-model';

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
// A stall of a second or more times out health checks and upstream callers, however rare: one such
// block is a finding by itself (no GC pause or cold path lasts that long).
export const CRITICAL_MAX_DELAY_MS = 1000;

/**
 * At most one finding. Long blocks cite the stack the loop was caught blocked in, or else the busiest CPU
 * window's heaviest stack as the likely culprit; a saturated loop cites that heaviest stack first (many
 * short blocks: the one caught in the act may be anything).
 */
export function findEventLoopBlocked(session: Session, context: AnalysisContext): Finding[] {
  // Intervals in which Hyperscope itself paused the target (agent install, profile collection) don't count,
  // unless the collection caught the service's own code holding the loop.
  const ours = delayMayBeOurs(session);
  const samples: LoopSample[] = timedSnapshots(session).map(({ t, snapshot }, i) => ({
    t,
    loop: snapshot.eventLoop,
    ours: ours[i] ?? false,
  }));
  const stalled = samples.map((sample) => !sample.ours && sample.loop.delayMaxMs >= STALL_MAX_DELAY_MS);
  const longBlock = samples.some(
    (sample, i) => stalled[i] && sample.loop.delayMaxMs >= CRITICAL_MAX_DELAY_MS,
  );
  if (longBlock || mostStallsInAnyWindow(stalled) >= MIN_STALLS_IN_WINDOW)
    return [longBlocksFinding(samples, stalled, context)];
  const stretch = longestSaturatedStretch(samples);
  return stretch ? [saturatedFinding(samples, stretch, context)] : [];
}

function longBlocksFinding(samples: LoopSample[], stalled: boolean[], context: AnalysisContext): Finding {
  const stalls = samples.filter((_, i) => stalled[i]).map((sample) => sample.loop);
  const worstMaxMs = Math.max(...stalls.map((loop) => loop.delayMaxMs));
  const worstP99Ms = Math.max(...stalls.map(stallP99Ms));
  const utilization = median(stalls.map((loop) => loop.utilization));
  const severity = severityOf(stalls, worstMaxMs);
  const cpu = context.profiles?.cpu?.merged;
  const stuck = stuckStack(stalls, cpu);
  return {
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
      series: loopSeries(samples),
    },
    frames: stuck ? stuckStackInProfile(stuck, cpu) : [...(context.hotStack ?? [])],
    advice: ADVICE,
  };
}

function saturatedFinding(
  samples: LoopSample[],
  stretch: SaturatedStretch,
  context: AnalysisContext,
): Finding {
  const p99Ms = median(stretch.loops.map((loop) => loop.delayP99Ms));
  const worstP99Ms = Math.max(...stretch.loops.map((loop) => loop.delayP99Ms));
  const utilization = median(stretch.loops.map((loop) => loop.utilization));
  const lasted = formatDurationMs(stretch.toMs - stretch.fromMs);
  return {
    kind: 'event-loop-blocked',
    severity: p99Ms >= CRITICAL_P99_MS ? 'critical' : 'warning',
    title: `Event loop saturated: busy ${formatPercent(utilization)} with delay p99 ${Math.round(p99Ms)} ms for ${lasted}`,
    evidence: {
      summary:
        `For ${lasted} (${stretch.loops.length} of ${samples.length} snapshots) the loop was busy ` +
        `${formatPercent(utilization)} of the time with a delay p99 of ${Math.round(p99Ms)} ms (median; up ` +
        `to ${Math.round(worstP99Ms)} ms): synchronous work runs back to back, so every request waits behind ` +
        `the others' — no single long block needed.`,
      values: {
        saturatedMs: rounded(stretch.toMs - stretch.fromMs),
        saturatedSnapshots: stretch.loops.length,
        snapshots: samples.length,
        medianP99Ms: rounded(p99Ms),
        worstP99Ms: rounded(worstP99Ms),
        medianUtilization: rounded(utilization, 2),
      },
      series: loopSeries(samples),
    },
    frames: [...(context.hotStack ?? stuckStack(stretch.loops, context.profiles?.cpu?.merged) ?? [])],
    advice: `${ADVICE} If the work cannot shrink, it needs more than one thread: a worker pool, or more processes.`,
  };
}

const ADVICE =
  'Move the synchronous work (the hot stack) off the event loop: a worker_threads pool for CPU work, ' +
  'streaming or chunked processing for large payloads (JSON, compression, crypto), async APIs instead of ' +
  '*Sync ones; or split long loops with setImmediate so requests get turns.';

function loopSeries(samples: LoopSample[]): EvidenceSeries[] {
  return [
    seriesOf('delay p99', 'ms', samples, (sample) => sample.loop.delayP99Ms),
    seriesOf('delay max', 'ms', samples, (sample) => sample.loop.delayMaxMs),
    seriesOf('utilization', 'ratio', samples, (sample) => sample.loop.utilization),
  ];
}

/**
 * The stack the loop was seen stuck in (the agent takes it when a collection finds the loop not turning):
 * exact where the CPU profile can only guess. Of several, the one the most CPU time ran through
 * (`caughtShare`), then the longest block: in a saturated loop, or a process starved of CPU, a collection
 * catches the loop anywhere along a request's path (`Readable.push`), and the longest block is not the
 * costliest code.
 */
function stuckStack(stalls: EventLoopStats[], cpu: ProfileModel | undefined): readonly Frame[] | undefined {
  let best: { stack: readonly Frame[]; share: number; blockedForMs: number } | undefined;
  for (const loop of stalls) {
    if (!loop.blockedStack?.length) continue;
    const caught = {
      stack: loop.blockedStack,
      share: cpu ? caughtShare(loop.blockedStack, cpu) : 0,
      blockedForMs: loop.blockedForMs ?? 0,
    };
    const better = caught.share - (best?.share ?? -1) || caught.blockedForMs - (best?.blockedForMs ?? -1);
    if (better > 0) best = caught;
  }
  return best?.stack;
}

/** A sentence when the loop had not turned for a while at the last snapshot (a stuck service). */
function stillBlocked(last: EventLoopStats | undefined): string {
  const ms = last?.blockedForMs ?? 0;
  if (ms < STALL_MAX_DELAY_MS) return '';
  return ` At the last snapshot the loop had not turned for ${formatDurationMs(ms)}: it was still blocked.`;
}

function severityOf(stalls: EventLoopStats[], worstMaxMs: number): Severity {
  const saturated = stalls.filter(
    (loop) => loop.utilization >= CRITICAL_UTILIZATION && stallP99Ms(loop) >= CRITICAL_P99_MS,
  ).length;
  return saturated >= MIN_STALLS_IN_WINDOW || worstMaxMs >= CRITICAL_MAX_DELAY_MS ? 'critical' : 'warning';
}

/**
 * A stalled interval's p99 delay, ms. When the loop never turned for the delay monitor's timer in the
 * interval (blocks longer than the interval), the histogram is empty and reads 0: every request of that
 * interval waited the whole stall, so its p99 is the stall itself.
 */
function stallP99Ms(loop: EventLoopStats): number {
  return loop.delayP99Ms > 0 ? loop.delayP99Ms : loop.delayMaxMs;
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
