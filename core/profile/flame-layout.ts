/**
 * Where every node of a flame graph sits along the value axis, before any viewport: children laid left
 * to right inside their parent, in one of three orders.
 */
import { childLists } from './assemble-model';
import { frameLabel, type ProfileModel } from './profile-model';
import { grandTotal, nodeTotals } from './totals';

/**
 * `alphabetical`: siblings by name, the classic flame graph; `left-heavy`: heaviest sibling first, so
 * the widest stacks gather on the left (speedscope's "left heavy"); `model`: the order V8 reported.
 */
export type FlameOrder = 'alphabetical' | 'left-heavy' | 'model';

export interface FlameLayout {
  readonly model: ProfileModel;
  readonly valueIndex: number;
  /** Per node: start on the value axis, in the value type's unit. */
  readonly x: Float64Array;
  /** Per node: width on the value axis (its total). */
  readonly width: Float64Array;
  /** Children of each node in drawing order: `list[start[i]..end[i])`. */
  readonly children: { start: Int32Array; end: Int32Array; list: Int32Array };
  /** Roots in drawing order. */
  readonly roots: Int32Array;
  /** Sum of all roots' widths: the full extent of the value axis. */
  readonly extent: number;
  /** Deepest depth + 1. */
  readonly depthCount: number;
}

/** Lays out `model` for value type `valueIndex`. Cost O(n log n); compute once per model and order. */
export function layoutFlame(
  model: ProfileModel,
  valueIndex: number,
  order: FlameOrder = 'alphabetical',
): FlameLayout {
  const width = nodeTotals(model, valueIndex);
  const children = childLists(model.nodes.parent);
  const roots = Int32Array.from(model.roots);
  const compare = comparator(model, width, order);
  if (compare) {
    roots.sort(compare);
    for (let i = 0; i < model.nodes.count; i++)
      children.list.subarray(children.start[i], children.end[i]).sort(compare);
  }
  const x = new Float64Array(model.nodes.count);
  let offset = 0;
  for (const root of roots) {
    x[root] = offset;
    offset += width[root]!;
  }
  let depthCount = 0;
  // Pre-order: a node's x is set before its children are placed.
  for (let i = 0; i < model.nodes.count; i++) {
    depthCount = Math.max(depthCount, model.nodes.depth[i]! + 1);
    let childX = x[i]!;
    for (let c = children.start[i]!; c < children.end[i]!; c++) {
      const child = children.list[c]!;
      x[child] = childX;
      childX += width[child]!;
    }
  }
  return { model, valueIndex, x, width, children, roots, extent: grandTotal(model, valueIndex), depthCount };
}

function comparator(
  model: ProfileModel,
  width: Float64Array,
  order: FlameOrder,
): ((a: number, b: number) => number) | undefined {
  if (order === 'model') return undefined;
  if (order === 'left-heavy') return (a, b) => width[b]! - width[a]! || a - b;
  // Rank frames by label once, so sorting compares integers.
  const labels = model.frames.map((frame) => frameLabel(frame));
  const byLabel = [...labels.keys()].sort((a, b) =>
    labels[a]! < labels[b]! ? -1 : labels[a]! > labels[b]! ? 1 : a - b,
  );
  const rank = new Int32Array(labels.length);
  byLabel.forEach((frame, r) => (rank[frame] = r));
  const frameOf = model.nodes.frame;
  return (a, b) => rank[frameOf[a]!]! - rank[frameOf[b]!]!;
}
