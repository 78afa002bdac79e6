/** Self and total values per node and per function (frame), for one value type of a model. */
import type { ProfileModel } from './profile-model';

/** Per node: its self value, and the total of its whole subtree (self included), in the type's unit. */
export function nodeTotals(model: ProfileModel, valueIndex: number): Float64Array {
  const { parent, count } = model.nodes;
  const total = Float64Array.from(selfValues(model, valueIndex));
  // Pre-order puts every parent before its children: one backward pass sums subtrees.
  for (let i = count - 1; i >= 0; i--) {
    const p = parent[i]!;
    if (p >= 0) total[p]! += total[i]!;
  }
  return total;
}

/** Per frame (function): `self` summed over its nodes; `total` over subtrees, recursion counted once. */
export interface FunctionTotals {
  self: Float64Array;
  total: Float64Array;
}

/** Aggregates the same frame across the tree, the way `pprof -top` does (flat and cum). */
export function functionTotals(model: ProfileModel, valueIndex: number): FunctionTotals {
  const { parent, frame, count } = model.nodes;
  const selfOfNode = selfValues(model, valueIndex);
  const totalOfNode = nodeTotals(model, valueIndex);
  const self = new Float64Array(model.frames.length);
  const total = new Float64Array(model.frames.length);
  // Walk in pre-order with the current path on a stack and, per frame, how often it is on that path:
  // a node adds its subtree to its frame's total only when no ancestor has the same frame.
  const onPath = new Int32Array(model.frames.length);
  const path: number[] = [];
  for (let i = 0; i < count; i++) {
    while (path.length > 0 && path[path.length - 1] !== parent[i]) onPath[frame[path.pop()!]!]!--;
    const f = frame[i]!;
    self[f]! += selfOfNode[i]!;
    if (onPath[f] === 0) total[f]! += totalOfNode[i]!;
    onPath[f]!++;
    path.push(i);
  }
  return { self, total };
}

/** The sum of all self values of one type: 100% for percentages. */
export function grandTotal(model: ProfileModel, valueIndex: number): number {
  let sum = 0;
  for (const value of selfValues(model, valueIndex)) sum += value;
  return sum;
}

/** Each node's self value for one value type; throws for a type the model does not have. */
export function selfValues(model: ProfileModel, valueIndex: number): ArrayLike<number> & Iterable<number> {
  const values = model.nodes.self[valueIndex];
  if (!values) throw new RangeError(`no value type ${valueIndex} (the model has ${model.valueTypes.length})`);
  return values;
}
