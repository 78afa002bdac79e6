/**
 * How long each profile window lasts. Every window's end costs the target: the inspector's allocation
 * sampler runs a full GC each time its profile is read (V8's `kSamplingForceGC`, set by
 * `HeapProfiler.startSampling`), and the code after it runs slower for a while — on the bench's
 * promise-heavy service a window every 5 s cost 11–14% of its CPU per request (docs/performance.md).
 * The first two windows keep the short length, so a short recording still gets an allocated and a
 * still-alive window; then each window is twice the one before, up to `MAX_PROFILE_WINDOW_MS`, so a
 * recording left on pays that cost about once a minute.
 */
import type { RecordingOptions } from './recording-options';

/** The longest a window grows to, ms: a target that dies loses at most this much of its profiles. */
export const MAX_PROFILE_WINDOW_MS = 60_000;
/** A ring keeps windows whole: no window longer than this share of its span, so several fit in it. */
const RING_SHARE = 0.25;

/** The length of window `index` (0 for the first), ms. */
export function profileWindowMs(
  options: Pick<RecordingOptions, 'profileWindowMs' | 'ringMs'>,
  index: number,
): number {
  const first = options.profileWindowMs;
  const grown = index < 2 ? first : first * 2 ** (index - 1);
  const cap = Math.min(MAX_PROFILE_WINDOW_MS, options.ringMs ? options.ringMs * RING_SHARE : Infinity);
  return Math.max(first, Math.min(grown, cap));
}
