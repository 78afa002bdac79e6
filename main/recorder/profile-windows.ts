/**
 * How long each profile window lasts. An allocation window's end costs the target: the inspector's
 * sampler runs a full GC each time its profile is read (V8's `kSamplingForceGC`, set by
 * `HeapProfiler.startSampling`), which deoptimizes the service's code built on objects that died; V8
 * then optimizes it again over ~20 s (measured on the promise-heavy bench service: +20–30% CPU per
 * request in the 5 s after, +15–22% in the next 5; docs/performance.md). A CPU window's end costs next
 * to nothing.
 * The first two windows keep the short length, so a short recording (and the app, live) gets an
 * allocated and a still-alive window within seconds. Then a CPU window is twice the one before, up to a
 * minute; an allocation window lasts a minute, then its cap (five minutes at production intervals), so
 * a recording left on pays that GC about every five minutes, and in its first 80 s three times, not
 * five (doubling had them end at 5, 10, 20, 40 and 80 s).
 */
import type { RecordingOptions } from './recording-options';

/** The profilers whose windows are timed apart. */
export type ProfileKind = 'cpu' | 'heap';

/** The longest a CPU window grows to, ms: a target that dies loses at most this much of its profile. */
export const MAX_PROFILE_WINDOW_MS = 60_000;
/**
 * The longest an allocation window grows to, ms, when sampling every `LONG_HEAP_WINDOW_INTERVAL_BYTES` or
 * more. An "allocated" window keeps every sample, collected or not, until it ends: at 512 KiB a service
 * allocating 100 MiB/s holds ~60,000 in five minutes; at `--detail`'s 32 KiB sixteen times as many, so
 * there the windows stop at a minute.
 */
export const MAX_HEAP_WINDOW_MS = 300_000;
const LONG_HEAP_WINDOW_INTERVAL_BYTES = 512 * 1024;
/** A ring keeps windows whole: no window longer than this share of its span, so several fit in it. */
const RING_SHARE = 0.25;

/** The length of `kind`'s window `index` (0 for the first), ms. */
export function profileWindowMs(
  options: Pick<RecordingOptions, 'profileWindowMs' | 'ringMs' | 'heapSamplingIntervalBytes'>,
  index: number,
  kind: ProfileKind,
): number {
  const first = options.profileWindowMs;
  const longest =
    kind === 'heap' && options.heapSamplingIntervalBytes >= LONG_HEAP_WINDOW_INTERVAL_BYTES
      ? MAX_HEAP_WINDOW_MS
      : MAX_PROFILE_WINDOW_MS;
  const cap = Math.min(longest, options.ringMs ? options.ringMs * RING_SHARE : Infinity);
  return Math.max(first, Math.min(uncapped(first, index, kind), cap));
}

/** Window `index`'s length before the caps, ms: CPU windows double, allocation ones jump. */
function uncapped(first: number, index: number, kind: ProfileKind): number {
  if (index < 2) return first;
  if (kind === 'cpu') return first * 2 ** (index - 1);
  return index === 2 ? MAX_PROFILE_WINDOW_MS : Infinity;
}
