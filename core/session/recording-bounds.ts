/**
 * Limits on the recorder's knobs, one place for every door they come in by: the CLI's
 * `--cpu-interval`/`--heap-interval`/`--ring` flags and the UI's `startRecording` request.
 */

/** An inclusive range. */
export interface Bounds {
  min: number;
  max: number;
}

/** µs between CPU samples: V8 cannot sample much faster than every ~50 µs; slower than 1 s a profile says little. */
export const CPU_SAMPLING_INTERVAL_US: Bounds = { min: 50, max: 1_000_000 };

/** Average bytes between allocation samples: below ~100 B every allocation is sampled several times over; above 64 MiB almost none is. */
export const HEAP_SAMPLING_INTERVAL_BYTES: Bounds = { min: 128, max: 64 << 20 };

/**
 * The shortest ring (`record --ring`, the app's "keep only the last … minutes"), ms: a ring's segments are
 * at least 2 s long, so a shorter span would keep hardly more than one of them.
 */
export const MIN_RING_SPAN_MS = 10_000;

/** True when `value` is a finite number inside `bounds`. */
export function withinBounds(value: number, bounds: Bounds): boolean {
  return Number.isFinite(value) && value >= bounds.min && value <= bounds.max;
}
