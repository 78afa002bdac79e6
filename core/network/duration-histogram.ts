/** Reading the sparse quarter-octave histograms of `tls-section.ts`: merge, count, quantiles. */
import type { DurationHistogram } from './tls-section';
import { handshakeBucketUpperMs } from './tls-section';

/** Sum of several histograms (a new object; inputs untouched). */
export function mergeHistograms(histograms: readonly DurationHistogram[]): DurationHistogram {
  const merged: DurationHistogram = {};
  for (const histogram of histograms) {
    for (const [bucket, count] of Object.entries(histogram)) merged[bucket] = (merged[bucket] ?? 0) + count;
  }
  return merged;
}

/** How many durations the histogram holds. */
export function histogramCount(histogram: DurationHistogram): number {
  return Object.values(histogram).reduce((sum, count) => sum + count, 0);
}

/**
 * The `q`-quantile (0..1) in ms: the upper bound of the bucket holding it, capped by `maxMs` (the true
 * maximum) when given. NaN for an empty histogram.
 */
export function histogramQuantileMs(histogram: DurationHistogram, q: number, maxMs = Infinity): number {
  const buckets = Object.entries(histogram)
    .map(([bucket, count]) => ({ bucket: Number(bucket), count }))
    .sort((a, b) => a.bucket - b.bucket);
  const total = buckets.reduce((sum, b) => sum + b.count, 0);
  if (total === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const { bucket, count } of buckets) {
    seen += count;
    if (seen >= rank) return Math.min(handshakeBucketUpperMs(bucket), maxMs);
  }
  return Math.min(handshakeBucketUpperMs(buckets.at(-1)!.bucket), maxMs);
}
