/**
 * Turns any source tree (CDP nodes, folded stacks, a remapped model) into the model's node arrays:
 * siblings with the same frame are merged, a `profiler` frame called by itself folds into its caller, nodes are put in depth-first pre-order, and a
 * zero-valued `(root)` is dropped so that its children become the roots.
 */
import { assembledAlready } from './assembled-already';
import { childLists } from './child-lists';
import type { ProfileFrame, ProfileModel, ProfileNodes, ValueType } from './profile-model';

export { childLists };

/** A tree as parallel arrays indexed by source node; parents may come after their children. */
export interface SourceTree {
  /** Source index of each node's parent; -1 for a root. */
  parent: Int32Array;
  /** Frame index of each node, into the frames given alongside. */
  frame: Int32Array;
  /** `self[v][i]` per value type, in the type's unit. */
  self: Float64Array[];
}

export interface AssembledTree {
  nodes: ProfileNodes;
  roots: Int32Array;
  /** The model node each source node ended up in; -1 for a dropped `(root)`. */
  nodeOfSource: Int32Array;
}

/** Builds the pre-order, sibling-merged node arrays of `tree`. Reads its input only. */
export function assembleTree(tree: SourceTree, frames: readonly ProfileFrame[]): AssembledTree {
  return assembledAlready(tree, frames) ?? mergedTree(tree, frames);
}

/** {@link assembleTree} for any tree: siblings merged through a map, then nodes renumbered in pre-order. */
export function mergedTree(tree: SourceTree, frames: readonly ProfileFrame[]): AssembledTree {
  const count = tree.parent.length;
  const children = childLists(tree.parent);
  const droppable = (i: number): boolean =>
    frames[tree.frame[i]!]?.category === 'root' && tree.self.every((values) => values[i] === 0);

  // Pass 1: walk the source tree, merging siblings that share a frame into one provisional node.
  const provisionalOf = new Int32Array(count).fill(-1);
  const provParent: number[] = [];
  const provFrame: number[] = [];
  const provSelf: number[][] = tree.self.map(() => []);
  const byParentAndFrame = new Map<number, number>();
  const stack: number[] = [];
  const stackParent: number[] = [];
  for (let i = count - 1; i >= 0; i--) {
    if (tree.parent[i] !== -1) continue;
    stack.push(i);
    stackParent.push(-1);
  }
  while (stack.length > 0) {
    const source = stack.pop()!;
    let parent = stackParent.pop()!;
    if (parent === -1 && droppable(source)) {
      provisionalOf[source] = -1;
    } else {
      const frame = tree.frame[source]!;
      const key = (parent + 1) * frames.length + frame;
      // The agent's frames, all one `profiler` frame, fold into one node per run of them.
      const folds = parent !== -1 && provFrame[parent] === frame && frames[frame]?.category === 'profiler';
      let node = folds ? parent : byParentAndFrame.get(key);
      if (node === undefined) {
        node = provParent.length;
        byParentAndFrame.set(key, node);
        provParent.push(parent);
        provFrame.push(frame);
        for (const values of provSelf) values.push(0);
      }
      for (let v = 0; v < provSelf.length; v++) provSelf[v]![node]! += tree.self[v]![source]!;
      provisionalOf[source] = node;
      parent = node;
    }
    for (let c = children.end[source]! - 1; c >= children.start[source]!; c--) {
      stack.push(children.list[c]!);
      stackParent.push(parent);
    }
  }

  // Pass 2: renumber in pre-order (merging may have interleaved subtrees).
  const provCount = provParent.length;
  const provChildren = childLists(Int32Array.from(provParent));
  const finalOf = new Int32Array(provCount);
  const parent = new Int32Array(provCount);
  const frame = new Int32Array(provCount);
  const depth = new Int32Array(provCount);
  const self = provSelf.map(() => new Float64Array(provCount));
  const roots: number[] = [];
  let next = 0;
  for (let p = provCount - 1; p >= 0; p--) if (provParent[p] === -1) stack.push(p);
  while (stack.length > 0) {
    const p = stack.pop()!;
    const i = next++;
    finalOf[p] = i;
    const pp = provParent[p]!;
    parent[i] = pp === -1 ? -1 : finalOf[pp]!;
    depth[i] = pp === -1 ? 0 : depth[parent[i]!]! + 1;
    if (pp === -1) roots.push(i);
    frame[i] = provFrame[p]!;
    for (let v = 0; v < self.length; v++) self[v]![i] = provSelf[v]![p]!;
    for (let c = provChildren.end[p]! - 1; c >= provChildren.start[p]!; c--)
      stack.push(provChildren.list[c]!);
  }
  const nodeOfSource = provisionalOf.map((p) => (p === -1 ? -1 : finalOf[p]!));
  return {
    nodes: { count: provCount, parent, frame, depth, self },
    roots: Int32Array.from(roots),
    nodeOfSource,
  };
}

/** Freezes a model and everything in it that can be frozen (typed arrays are read-only by type). */
export function freezeModel(model: ProfileModel): ProfileModel {
  Object.freeze(model.frames);
  Object.freeze(model.valueTypes);
  model.valueTypes.forEach((type: ValueType) => Object.freeze(type));
  Object.freeze(model.nodes.self);
  Object.freeze(model.nodes);
  if (model.samples) Object.freeze(model.samples);
  return Object.freeze(model);
}
