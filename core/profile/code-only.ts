/**
 * A CPU profile without the frames V8 adds that are not code: (idle), (program) and (root). An idle
 * service's profile is mostly (idle), which squeezes its code into a sliver of a flame graph and tops
 * every table; the app's "Code only" switch and `report` leave it out too. (garbage collector) and
 * (hyperscope agent) stay: they are CPU the service spent, and a reader should see them.
 */
import { assembleTree, freezeModel } from './assemble-model';
import type { FrameCategory, ProfileModel } from './profile-model';

/** The categories `codeOnly` leaves out. */
const NON_CODE_CATEGORIES: ReadonlySet<FrameCategory> = new Set(['idle', 'program', 'root']);

/** `model` without (idle), (program) and (root). */
export function codeOnly(model: ProfileModel): ProfileModel {
  return withoutFrames(model, NON_CODE_CATEGORIES);
}

/**
 * `model` without the nodes of frames in `categories` and their self values; their children move up to
 * the nearest kept ancestor (a `(root)` with self time keeps the code below it); frames no node uses
 * any more are dropped too. Samples are dropped (they would name removed nodes); the duration and
 * sampling interval are kept. `model` itself when it has no such frame.
 */
export function withoutFrames(model: ProfileModel, categories: ReadonlySet<FrameCategory>): ProfileModel {
  const { nodes, frames } = model;
  if (!frames.some((frame) => categories.has(frame.category))) return model;
  const removed = (i: number): boolean => categories.has(frames[nodes.frame[i]!]!.category);
  // Pre-order: a parent comes before its children, so its kept ancestor is already known.
  const keptAncestor = new Int32Array(nodes.count);
  const kept: number[] = [];
  const sourceOf = new Int32Array(nodes.count).fill(-1);
  for (let i = 0; i < nodes.count; i++) {
    const p = nodes.parent[i]!;
    const above = p === -1 ? -1 : removed(p) ? keptAncestor[p]! : sourceOf[p]!;
    keptAncestor[i] = above;
    if (removed(i)) continue;
    sourceOf[i] = kept.length;
    kept.push(i);
  }
  // Only the frames still used: an export that lists every frame must not name the removed ones.
  const newFrameOf = new Map<number, number>();
  for (const i of kept)
    if (!newFrameOf.has(nodes.frame[i]!)) newFrameOf.set(nodes.frame[i]!, newFrameOf.size);
  const keptFrames = [...newFrameOf.keys()].map((f) => frames[f]!);
  const tree = assembleTree(
    {
      parent: Int32Array.from(kept, (i) => keptAncestor[i]!),
      frame: Int32Array.from(kept, (i) => newFrameOf.get(nodes.frame[i]!)!),
      self: nodes.self.map((values) => Float64Array.from(kept, (i) => values[i]!)),
    },
    keptFrames,
  );
  return freezeModel({
    kind: model.kind,
    frames: keptFrames,
    nodes: tree.nodes,
    valueTypes: model.valueTypes,
    roots: tree.roots,
    durationUs: model.durationUs,
    samplingInterval: model.samplingInterval,
  });
}
