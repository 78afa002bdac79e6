/**
 * One site's allocation figures with another's added: an allocator inlined into its caller has its bytes
 * split between the caller (while inlined) and itself (while it ran as its own frame); the finding judges
 * them together. The caller's frame and stacks are kept.
 */
import { BUCKET_LABELS } from '../profile/alloc-histogram';
import type { SideStats, SiteStats } from './alloc-site-stats';

/** `host`'s figures plus `callee`'s, per kind of window; a new object, neither input is changed. */
export function mergeSiteStats(host: SiteStats, callee: SiteStats): SiteStats {
  return {
    frame: host.frame,
    sizesEstimatedUpToBytes: host.sizesEstimatedUpToBytes,
    allocated: mergeSides(host.allocated, callee.allocated),
    alive: mergeSides(host.alive, callee.alive),
  };
}

function mergeSides(a: SideStats, b: SideStats): SideStats {
  const histogram = new Map(a.histogram.map((bucket) => [bucket.label, { ...bucket }]));
  for (const bucket of b.histogram) {
    const into = histogram.get(bucket.label);
    if (into) {
      into.bytes += bucket.bytes;
      into.samples += bucket.samples;
    } else histogram.set(bucket.label, { ...bucket });
  }
  // Both series have one point per window of the same windows; a site outside the detailed ones has none.
  const longer = a.rateSeries.length >= b.rateSeries.length ? a.rateSeries : b.rateSeries;
  const other = longer === a.rateSeries ? b.rateSeries : a.rateSeries;
  return {
    bytes: a.bytes + b.bytes,
    bytesPerSecond: a.bytesPerSecond + b.bytesPerSecond,
    share: a.share + b.share,
    samples: a.samples + b.samples,
    stack: a.stack.length > 0 ? a.stack : b.stack,
    histogram: [...histogram.values()].sort(
      (x, y) => BUCKET_LABELS.indexOf(x.label) - BUCKET_LABELS.indexOf(y.label),
    ),
    rateSeries: longer.map((point, i) => ({ t: point.t, v: point.v + (other[i]?.v ?? 0) })),
  };
}
