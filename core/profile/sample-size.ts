/**
 * The object size behind a V8 allocation sample. V8 reports each sample's `size` as
 * `objectSize × round(1 / (1 − e^(−objectSize / interval)))` (the object, times the objects it stands for),
 * so for objects much smaller than the sampling interval every sample reads about `interval` bytes.
 * Inverting that is exact above ~2.2 × interval and an estimate below it (several sizes fit one value).
 */

/** V8 objects are 8-byte aligned on 64-bit builds without pointer compression (Node's default). */
const OBJECT_ALIGNMENT = 8;

/** The number of objects V8 lets one sample of an `objectBytes` object stand for. */
export function scaledCount(objectBytes: number, intervalBytes: number): number {
  return Math.floor(1 / (1 - Math.exp(-objectBytes / intervalBytes)) + 0.5);
}

/** Reported sizes above this (bytes) have exactly one possible object size: themselves. */
export function exactAboveBytes(intervalBytes: number): number {
  return Math.ceil(2 * Math.log(3) * intervalBytes);
}

/**
 * The object size, bytes, of a sample V8 reported as `reportedBytes` with sampling interval `intervalBytes`.
 * Among the sizes that fit, prefers 8-byte-aligned ones and then the smallest (small objects dominate
 * JS heaps). Without an interval, returns `reportedBytes` as is.
 */
export function estimateObjectSize(reportedBytes: number, intervalBytes: number | undefined): number {
  if (!intervalBytes || intervalBytes <= 0 || reportedBytes <= 0) return reportedBytes;
  if (reportedBytes > exactAboveBytes(intervalBytes)) return reportedBytes;
  // Consistent counts satisfy c·(1 − interval/reported) ∈ [0, 1]: bound the search accordingly.
  const excess = reportedBytes - intervalBytes;
  const byBound = excess > 0 ? Math.ceil(reportedBytes / excess) + 2 : Infinity;
  const maxCount = Math.min(byBound, Math.floor(reportedBytes), 1 << 20);
  let aligned = 0;
  let fitting = 0;
  for (let count = 1; count <= maxCount; count++) {
    const size = reportedBytes / count;
    if (!Number.isInteger(size) || scaledCount(size, intervalBytes) !== count) continue;
    fitting = size;
    if (size % OBJECT_ALIGNMENT === 0) aligned = size;
  }
  return aligned || fitting || reportedBytes;
}

/** Memoises `estimateObjectSize` for one interval: real profiles repeat the same few reported sizes. */
export function objectSizeEstimator(intervalBytes: number | undefined): (reportedBytes: number) => number {
  const known = new Map<number, number>();
  return (reportedBytes) => {
    let size = known.get(reportedBytes);
    if (size === undefined) {
      size = estimateObjectSize(reportedBytes, intervalBytes);
      known.set(reportedBytes, size);
    }
    return size;
  };
}
