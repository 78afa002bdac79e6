/**
 * The differential flame graph's data: the current profile's call tree merged with the stacks only the
 * base has (so shrunk and vanished stacks still show), each node with its current and its normalised base
 * value. Plain arrays, so that it crosses the UI bridge as JSON; `flame-diff-model.ts` makes it drawable.
 */
import { assembleTree } from '../profile/assemble-model';
import type { ProfileFrame, ProfileModel } from '../profile/profile-model';
import { diffScale, functionKey, type DiffOptions, type Normalisation } from './profile-diff';

export interface FlameDiff {
  /** The value type compared (e.g. `time`) and its unit (e.g. `microseconds`). */
  valueName: string;
  unit: string;
  normalisation: Normalisation;
  /** The factor base values were multiplied by (the same as the per-function diff's). */
  baseScale: number;
  /** Frames of both profiles, one per function (`functionKey`): the current profile's when it has it. */
  frames: ProfileFrame[];
  /** Nodes in depth-first pre-order: parent index (-1 for roots) and frame index. */
  parent: number[];
  frame: number[];
  /** Self value of each node in the current profile, and in the base one scaled by `baseScale`. */
  currentSelf: number[];
  baseSelf: number[];
}

/**
 * Merges `current` and `base` by call stack, functions matched as the per-function diff matches them, and
 * normalised as it normalises (`diffScale`). Throws a RangeError if either lacks `valueName`.
 */
export function diffFlame(
  base: ProfileModel,
  current: ProfileModel,
  valueName: string,
  options: DiffOptions = {},
): FlameDiff {
  const scale = diffScale(base, current, valueName, options);
  const frames: ProfileFrame[] = [];
  const frameOfKey = new Map<string, number>();
  const count = base.nodes.count + current.nodes.count;
  const parent = new Int32Array(count);
  const frame = new Int32Array(count);
  const self = [new Float64Array(count), new Float64Array(count)];
  // Current first: its frames are the ones shown, and its nodes come first among merged siblings.
  const sides = [
    { model: current, index: scale.currentIndex, column: 0, factor: 1 },
    { model: base, index: scale.baseIndex, column: 1, factor: scale.baseScale },
  ];
  let offset = 0;
  for (const { model, index, column, factor } of sides) {
    const frameOf = model.frames.map((f) => {
      const key = functionKey(f);
      let merged = frameOfKey.get(key);
      if (merged === undefined) {
        merged = frames.push(plainFrame(f)) - 1;
        frameOfKey.set(key, merged);
      }
      return merged;
    });
    const values = model.nodes.self[index]!;
    for (let i = 0; i < model.nodes.count; i++) {
      const p = model.nodes.parent[i]!;
      parent[offset + i] = p === -1 ? -1 : offset + p;
      frame[offset + i] = frameOf[model.nodes.frame[i]!]!;
      self[column]![offset + i] = values[i]! * factor;
    }
    offset += model.nodes.count;
  }
  const tree = assembleTree({ parent, frame, self }, frames);
  return {
    valueName,
    unit: current.valueTypes[scale.currentIndex]!.unit,
    normalisation: scale.normalisation,
    baseScale: scale.baseScale,
    frames,
    parent: Array.from(tree.nodes.parent),
    frame: Array.from(tree.nodes.frame),
    currentSelf: Array.from(tree.nodes.self[0]!),
    baseSelf: Array.from(tree.nodes.self[1]!),
  };
}

/** The frame without its script id and code type: those differ between two runs of the same code. */
function plainFrame(frame: ProfileFrame): ProfileFrame {
  const { functionName, url, line, column, category } = frame;
  return { functionName, url, line, column, category };
}
