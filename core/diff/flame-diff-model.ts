/**
 * A `FlameDiff` as a profile model the flame layout can draw: width is the current value, except that
 * stacks the current profile no longer has keep their (normalised) base width, so that what vanished
 * still shows. A parent's width is therefore its current total plus its vanished children's base totals.
 */
import { freezeModel } from '../profile/assemble-model';
import type { ProfileModel } from '../profile/profile-model';
import { nodeTotals } from '../profile/totals';
import { deltaColor, describeChange, relativeChange } from './delta-color';
import type { FlameDiff } from './flame-diff';

/** Value columns of the model: the drawn width, the current value, the normalised base value. */
export const DRAWN = 0;
const CURRENT = 1;
const BASE = 2;

export interface FlameDiffModel {
  /** Lay it out with value index `DRAWN` (0). */
  model: ProfileModel;
  /** Per node, subtree totals in the diff's unit: current, and base normalised. */
  current: Float64Array;
  base: Float64Array;
}

export function flameDiffModel(diff: FlameDiff): FlameDiffModel {
  const count = diff.parent.length;
  const parent = Int32Array.from(diff.parent);
  const depth = new Int32Array(count);
  const roots: number[] = [];
  for (let i = 0; i < count; i++) {
    const p = parent[i]!;
    if (p === -1) roots.push(i);
    else depth[i] = depth[p]! + 1;
  }
  const drawn = new Float64Array(count);
  const model: ProfileModel = {
    kind: 'folded',
    frames: diff.frames.map((frame) => ({ ...frame })),
    nodes: {
      count,
      parent,
      frame: Int32Array.from(diff.frame),
      depth,
      self: [drawn, Float64Array.from(diff.currentSelf), Float64Array.from(diff.baseSelf)],
    },
    valueTypes: [
      { name: diff.valueName, unit: diff.unit },
      { name: 'current', unit: diff.unit },
      { name: 'base', unit: diff.unit },
    ],
    roots: Int32Array.from(roots),
  };
  const current = nodeTotals(model, CURRENT);
  for (let i = 0; i < count; i++) drawn[i] = current[i]! > 0 ? diff.currentSelf[i]! : diff.baseSelf[i]!;
  return { model: freezeModel(model), current, base: nodeTotals(model, BASE) };
}

/** Per node: its fill by relative change and its tooltip line (`describeChange`). */
export interface DeltaColoring {
  fillOf(node: number): string;
  noteOf(node: number): string;
}

export function deltaColoring(diff: FlameDiffModel, dark = false): DeltaColoring {
  const unit = diff.model.valueTypes[DRAWN]!.unit;
  return {
    fillOf: (node) => deltaColor(relativeChange(diff.base[node] ?? 0, diff.current[node] ?? 0), dark),
    noteOf: (node) => describeChange(diff.base[node] ?? 0, diff.current[node] ?? 0, unit),
  };
}
