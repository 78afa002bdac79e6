/**
 * The saturated shape of a blocked event loop: no single long block, but synchronous work back to back
 * (a `pbkdf2Sync` of 20 ms per request under load), so the loop is busy nearly all the time and every
 * request waits behind the others'. What a user suffers is the delay itself, sustained: this finds the
 * longest stretch of snapshots whose loop was busy and slow at once. Reasoning in docs/findings.md.
 */
import type { EventLoopStats } from '../agent-protocol';

// Busy this much of an interval, the loop has no slack: queueing delay grows without bound as load rises.
export const SATURATED_UTILIZATION = 0.9;
// The loop alone adds this to 1 request in 100 — the whole latency budget of a typical internal API call.
// A healthy service keeps p99 under ~20 ms, busy or not; work split into short turns keeps it low too.
export const SATURATED_P99_MS = 50;
// Sustained, not a burst: a deploy's warm-up or one batch can saturate a second or two.
export const SATURATED_MIN_MS = 3000;

/** One snapshot's loop, timed; `ours` when Hyperscope itself paused the target in its interval. */
export interface LoopSample {
  /** ms since the session's start, at the end of the interval. */
  t: number;
  loop: EventLoopStats;
  ours: boolean;
}

/** A stretch of consecutive saturated intervals. */
export interface SaturatedStretch {
  /** ms since the session's start: start of the first interval, end of the last. */
  fromMs: number;
  toMs: number;
  /** The saturated snapshots of the stretch (intervals with our own pauses left out). */
  loops: EventLoopStats[];
}

/** True when the interval's loop was busy and slow at once. */
export function isSaturated(loop: EventLoopStats): boolean {
  return loop.utilization >= SATURATED_UTILIZATION && loop.delayP99Ms >= SATURATED_P99_MS;
}

/**
 * The longest stretch of saturated intervals lasting at least `SATURATED_MIN_MS`, or undefined. An
 * interval holding one of our own pauses neither counts nor breaks a stretch (its numbers are partly ours);
 * the stretch ends with its last saturated interval.
 */
export function longestSaturatedStretch(samples: readonly LoopSample[]): SaturatedStretch | undefined {
  let best: SaturatedStretch | undefined;
  let current: SaturatedStretch | undefined;
  samples.forEach((sample, i) => {
    const startMs = i === 0 ? 0 : samples[i - 1]!.t;
    if (sample.ours) return;
    if (!isSaturated(sample.loop)) {
      current = undefined;
      return;
    }
    current ??= { fromMs: startMs, toMs: sample.t, loops: [] };
    current.toMs = sample.t;
    current.loops.push(sample.loop);
    if (!best || current.toMs - current.fromMs > best.toMs - best.fromMs) best = current;
  });
  return best && best.toMs - best.fromMs >= SATURATED_MIN_MS ? best : undefined;
}
