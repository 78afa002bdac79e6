/**
 * The costly part of a site's allocation figures — its heaviest stack, size histogram and bytes/s per
 * window — worked out only for the sites that are shown or judged (`alloc-site-stats.ts`).
 */
import { allocHistograms, BUCKET_LABELS } from '../profile/alloc-histogram';
import { siteStackOf } from '../profile/allocated-retained';
import { valueIndexOf, type ProfileModel } from '../profile/profile-model';
import type { WindowedProfile } from '../profile/session-profiles';
import { functionTotals } from '../profile/totals';
import { siteKey, type Side } from './alloc-site-stats';

/** Fills the stack, size histogram and per-window rate of the `detailed` sites of one side. */
export function addDetail(
  side: Side,
  profile: WindowedProfile | null,
  detailed: ReadonlySet<string>,
  sessionStart: number,
): void {
  if (!profile) return;
  const model = profile.merged;
  const space = Math.max(0, valueIndexOf(model, 'space'));
  const histograms = allocHistograms(model).byFunction;
  const heaviest = heaviestNodes(model, space);
  const stackBytes = new Map<string, number>();
  model.frames.forEach((frame, f) => {
    const key = siteKey(frame);
    const stats = detailed.has(key) ? side.get(key)?.stats : undefined;
    if (!stats) return;
    if (stats.histogram.length === 0)
      stats.histogram = BUCKET_LABELS.map((label) => ({ label, bytes: 0, samples: 0 }));
    const node = heaviest.get(f);
    if (node && node.bytes > (stackBytes.get(key) ?? 0)) {
      stackBytes.set(key, node.bytes);
      stats.stack = siteStackOf(model, node.index);
    }
    const histogram = histograms.get(f);
    histogram?.bytes.forEach((b, k) => {
      stats.histogram[k]!.bytes += b;
      stats.histogram[k]!.samples += histogram.samples[k]!;
    });
  });
  const windows = profile.windows.map(({ startTime, endTime, model: window }) => ({
    t: endTime - sessionStart,
    seconds: (endTime - startTime) / 1000,
    bytes: bytesBySite(window),
  }));
  for (const key of detailed) {
    const stats = side.get(key)?.stats;
    if (!stats) continue;
    stats.histogram = stats.histogram.filter((bucket) => bucket.samples > 0);
    stats.rateSeries = windows.map(({ t, seconds: s, bytes: b }) => ({
      t,
      v: s > 0 ? (b.get(key) ?? 0) / s : 0,
    }));
  }
}

/** Self bytes per site key. */
function bytesBySite(model: ProfileModel): Map<string, number> {
  const self = functionTotals(model, Math.max(0, valueIndexOf(model, 'space'))).self;
  const bytes = new Map<string, number>();
  model.frames.forEach((frame, f) => {
    if (!(self[f]! > 0)) return;
    const key = siteKey(frame);
    bytes.set(key, (bytes.get(key) ?? 0) + self[f]!);
  });
  return bytes;
}

/** Per frame index, the node of that frame with the most self bytes. */
function heaviestNodes(model: ProfileModel, space: number): Map<number, { index: number; bytes: number }> {
  const heaviest = new Map<number, { index: number; bytes: number }>();
  const self = model.nodes.self[space]!;
  for (let i = 0; i < model.nodes.count; i++) {
    const f = model.nodes.frame[i]!;
    if (self[i]! > (heaviest.get(f)?.bytes ?? 0)) heaviest.set(f, { index: i, bytes: self[i]! });
  }
  return heaviest;
}
