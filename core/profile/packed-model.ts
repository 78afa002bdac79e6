/**
 * A profile model as plain JSON, for a session on its way to the UI: the model the Node side built once,
 * in place of the raw CDP profile the renderer would otherwise parse and build again. A 40 MB `tsc`
 * `.cpuprofile` (175k nodes) packs to ~4 MB, and unpacks in a few ms where building took 100–300 ms.
 * Plain arrays, not typed ones: JSON (browser mode's WebSocket) and structured clone (Electron) both carry them.
 */
import { freezeModel } from './assemble-model';
import type { ProfileFrame, ProfileModel, ValueType } from './profile-model';

/** {@link ProfileModel} with its typed arrays as number arrays; parents follow from depths (pre-order). */
export interface PackedModel {
  kind: ProfileModel['kind'];
  frames: ProfileFrame[];
  valueTypes: ValueType[];
  /** Per node, in pre-order: its depth (0 for a root). */
  depth: number[];
  /** Per node: index into `frames`. */
  frame: number[];
  /** `self[v][i]`: node `i`'s own value of type `valueTypes[v]`, in that type's unit. */
  self: number[][];
  /** µs the profile covers, when known. */
  durationUs?: number;
  /** CPU: µs between samples; alloc: bytes between samples; when known. */
  samplingInterval?: number;
  /** Node index (-1: unknown) and value (CPU: µs) of each sample, in order, when the model keeps them. */
  samples?: { node: number[]; value: number[] };
}

export function packModel(model: ProfileModel): PackedModel {
  const { nodes } = model;
  return {
    kind: model.kind,
    frames: [...model.frames],
    valueTypes: [...model.valueTypes],
    depth: Array.from(nodes.depth),
    frame: Array.from(nodes.frame),
    self: nodes.self.map((values) => Array.from(values)),
    ...(model.durationUs === undefined ? {} : { durationUs: model.durationUs }),
    ...(model.samplingInterval === undefined ? {} : { samplingInterval: model.samplingInterval }),
    ...(model.samples
      ? { samples: { node: Array.from(model.samples.node), value: Array.from(model.samples.value) } }
      : {}),
  };
}

/** The model `packed` stands for, frozen as the builders' are. */
export function unpackModel(packed: PackedModel): ProfileModel {
  const count = packed.depth.length;
  const depth = Int32Array.from(packed.depth);
  const parent = new Int32Array(count);
  const roots: number[] = [];
  // Pre-order: a node's parent is the last node seen one level up.
  const lastAt: number[] = [];
  for (let i = 0; i < count; i++) {
    const d = depth[i]!;
    parent[i] = d === 0 ? -1 : lastAt[d - 1]!;
    if (d === 0) roots.push(i);
    lastAt[d] = i;
  }
  return freezeModel({
    kind: packed.kind,
    frames: packed.frames,
    valueTypes: packed.valueTypes,
    nodes: {
      count,
      parent,
      frame: Int32Array.from(packed.frame),
      depth,
      self: packed.self.map((values) => Float64Array.from(values)),
    },
    roots: Int32Array.from(roots),
    ...(packed.durationUs === undefined ? {} : { durationUs: packed.durationUs }),
    ...(packed.samplingInterval === undefined ? {} : { samplingInterval: packed.samplingInterval }),
    ...(packed.samples
      ? {
          samples: {
            node: Int32Array.from(packed.samples.node),
            value: Float64Array.from(packed.samples.value),
          },
        }
      : {}),
  });
}
