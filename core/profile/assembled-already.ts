/**
 * The common case of `assembleTree`, in one pass over typed arrays: V8 lists a CPU profile's nodes in
 * depth-first pre-order and almost never gives two siblings the same frame (a 196k-node `tsc` profile
 * has none), so its nodes are the model's already, less a `(root)` without values. Assembling them the
 * general way (a Map per parent and frame, then renumbering) took ~100 ms of opening such a profile.
 */
import { childLists } from './child-lists';
import type { ProfileFrame, ProfileNodes } from './profile-model';

/** `assemble-model.ts`'s `SourceTree` and `AssembledTree` (not imported: that module imports this one). */
interface SourceTree {
  parent: Int32Array;
  frame: Int32Array;
  self: Float64Array[];
}
interface AssembledTree {
  nodes: ProfileNodes;
  roots: Int32Array;
  nodeOfSource: Int32Array;
}

/** `tree` as the model's nodes when it needs no merging, folding, dropping or reordering; else null. */
export function assembledAlready(tree: SourceTree, frames: readonly ProfileFrame[]): AssembledTree | null {
  const count = tree.parent.length;
  const emptyRoot = (s: number): boolean =>
    frames[tree.frame[s]!]?.category === 'root' && tree.self.every((values) => values[s] === 0);
  // A `(root)` without values, listed first, is dropped: its children become the roots.
  const skip = count > 0 && tree.parent[0] === -1 && emptyRoot(0) ? 1 : 0;
  const n = count - skip;
  const parent = new Int32Array(n);
  const depth = new Int32Array(n);
  const lastAt = new Int32Array(n + 1);
  const roots: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = i + skip;
    const sourceParent = tree.parent[s]!;
    // Another root besides the dropped one, or another empty `(root)` to drop: the general way.
    if (sourceParent === -1 && skip === 1) return null;
    const p = sourceParent === -1 || sourceParent < skip ? -1 : sourceParent - skip;
    if (p === -1 && emptyRoot(s)) return null;
    if (p >= i) return null;
    const d = p === -1 ? 0 : depth[p]! + 1;
    // Pre-order: the parent is the last node seen one level up (so subtrees are contiguous).
    if (p !== -1 && lastAt[d - 1] !== p) return null;
    // The agent called by the agent folds into one node: the general way.
    const frame = tree.frame[s]!;
    if (p !== -1 && tree.frame[p + skip] === frame && frames[frame]?.category === 'profiler') return null;
    parent[i] = p;
    depth[i] = d;
    lastAt[d] = i;
    if (p === -1) roots.push(i);
  }
  if (hasSiblingsOfOneFrame(parent, tree.frame.subarray(skip), frames.length, roots)) return null;
  const nodeOfSource = new Int32Array(count);
  for (let s = 0; s < count; s++) nodeOfSource[s] = s - skip;
  return {
    nodes: {
      count: n,
      parent,
      frame: tree.frame.slice(skip),
      depth,
      self: tree.self.map((v) => v.slice(skip)),
    },
    roots: Int32Array.from(roots),
    nodeOfSource,
  };
}

/** True when two roots, or two children of one node, have the same frame (the model merges them). */
function hasSiblingsOfOneFrame(
  parent: Int32Array,
  frame: Int32Array,
  frameCount: number,
  roots: readonly number[],
): boolean {
  const stamp = new Int32Array(frameCount).fill(-2);
  for (const root of roots) {
    if (stamp[frame[root]!] === -1) return true;
    stamp[frame[root]!] = -1;
  }
  const children = childLists(parent);
  for (let i = 0; i < parent.length; i++) {
    for (let c = children.start[i]!; c < children.end[i]!; c++) {
      const f = frame[children.list[c]!]!;
      if (stamp[f] === i) return true;
      stamp[f] = i;
    }
  }
  return false;
}
