/**
 * The application function that allocates most once Node's own code and V8's builtins it calls are
 * charged to it. Self bytes split a path's allocations by whichever frame V8 recorded: on a log shipper
 * building each batch with `Buffer.concat` (Node 26) they fell 45% / 30% / 25% on the record encoder,
 * `concat` and the batch builder, as optimization inlined one into another, and no site reached
 * `MIN_SHARE` although the path allocated 140 MiB/s. A user changes their own code, not `node:buffer`:
 * charged to their callers, the batch builder holds most of the bytes.
 */
import { isNodeCode, type Frame } from '../frame';
import { allocHistograms, BUCKET_LABELS } from '../profile/alloc-histogram';
import { plainFrame, siteStackOf } from '../profile/allocated-retained';
import { valueIndexOf, type ProfileModel } from '../profile/profile-model';
import type { WindowedProfile } from '../profile/session-profiles';
import { grandTotal } from '../profile/totals';
import type { SideStats } from './alloc-site-stats';
import { siteKey } from './alloc-site-stats';

/**
 * The application function with the most bytes once each sample of Node's code or a builtin is charged
 * to its nearest application caller, with its allocated figures so counted (stack, histogram and rate
 * series included); null without any application frame. `sessionStart` is ms since the epoch.
 */
export function topCallerSite(
  profile: WindowedProfile,
  sessionStart: number,
): { frame: Frame; allocated: SideStats } | null {
  const merged = chargedTo(profile.merged);
  let top: string | undefined;
  for (const [key, bytes] of merged.bytes) if (top === undefined || bytes > merged.bytes.get(top)!) top = key;
  if (top === undefined) return null;
  const model = profile.merged;
  const nodes = merged.nodesOf.get(top)!;
  const bytes = merged.bytes.get(top)!;
  const total = grandTotal(model, space(model));
  const seconds = profile.coveredMs / 1000;
  const frame = merged.frameOf.get(top)!;
  return {
    frame,
    allocated: {
      bytes,
      bytesPerSecond: seconds > 0 ? bytes / seconds : 0,
      share: total > 0 ? bytes / total : 0,
      samples: merged.samples.get(top)!,
      stack: heaviestStack(model, nodes),
      histogram: histogramOf(model, nodes),
      rateSeries: profile.windows.map(({ startTime, endTime, model: window }) => {
        const s = (endTime - startTime) / 1000;
        return { t: endTime - sessionStart, v: s > 0 ? (chargedTo(window).bytes.get(top) ?? 0) / s : 0 };
      }),
    },
  };
}

interface Charged {
  /** Bytes per application site key. */
  bytes: Map<string, number>;
  samples: Map<string, number>;
  /** The nodes whose self bytes each site was charged. */
  nodesOf: Map<string, number[]>;
  /** Each site's frame (its own node may have no bytes of its own: all in Node's code under it). */
  frameOf: Map<string, Frame>;
}

/** Each node's self bytes and samples charged to its nearest application frame (itself when it is one). */
function chargedTo(model: ProfileModel): Charged {
  const result: Charged = { bytes: new Map(), samples: new Map(), nodesOf: new Map(), frameOf: new Map() };
  const bytes = model.nodes.self[space(model)]!;
  const samples = model.nodes.self[Math.max(0, valueIndexOf(model, 'samples'))]!;
  // Pre-order: a node's parent comes first, so its charged node is known.
  const charged = new Int32Array(model.nodes.count).fill(-1);
  for (let i = 0; i < model.nodes.count; i++) {
    const frame = model.frames[model.nodes.frame[i]!]!;
    const parent = model.nodes.parent[i]!;
    const own = frame.category === 'code' && !isNodeCode(frame);
    const to = own ? i : parent >= 0 ? charged[parent]! : -1;
    charged[i] = to;
    if (to < 0 || !(bytes[i]! > 0)) continue;
    const site = model.frames[model.nodes.frame[to]!]!;
    const key = siteKey(site);
    if (!result.frameOf.has(key)) result.frameOf.set(key, plainFrame(site));
    result.bytes.set(key, (result.bytes.get(key) ?? 0) + bytes[i]!);
    result.samples.set(key, (result.samples.get(key) ?? 0) + samples[i]!);
    const list = result.nodesOf.get(key) ?? [];
    list.push(i);
    result.nodesOf.set(key, list);
  }
  return result;
}

function space(model: ProfileModel): number {
  return Math.max(0, valueIndexOf(model, 'space'));
}

/** The stack of the charged node with the most self bytes, innermost first, as `alloc-site-detail` gives. */
function heaviestStack(model: ProfileModel, nodes: readonly number[]): Frame[] {
  const bytes = model.nodes.self[space(model)]!;
  const heaviest = nodes.reduce((a, b) => (bytes[b]! > bytes[a]! ? b : a));
  return siteStackOf(model, heaviest);
}

/** The size histogram of the samples in `nodes`, buckets with samples only. */
function histogramOf(model: ProfileModel, nodes: readonly number[]): SideStats['histogram'] {
  const bySite = allocHistograms(model).bySite;
  const buckets = BUCKET_LABELS.map((label) => ({ label, bytes: 0, samples: 0 }));
  for (const node of nodes) {
    const histogram = bySite.get(node);
    histogram?.bytes.forEach((b, k) => {
      buckets[k]!.bytes += b;
      buckets[k]!.samples += histogram.samples[k]!;
    });
  }
  return buckets.filter((bucket) => bucket.samples > 0);
}
