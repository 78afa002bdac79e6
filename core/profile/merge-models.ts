/**
 * Merges several profile windows of one kind (a session records CPU and allocation profiles in windows)
 * into one model: the same call stacks add up, frames are interned once, samples are concatenated.
 */
import { assembleTree, freezeModel } from './assemble-model';
import { FrameTable, type FrameInput } from './frame-table';
import type { ProfileFrame, ProfileModel } from './profile-model';

/**
 * One model whose node values are the sums of `models`' values per call stack (frames matched by name,
 * place, script id and code type). All models must have the same kind and value types.
 * Durations add up (µs); the sampling interval is the first one known; samples are kept, in window order,
 * only when every model has them. Throws a RangeError for an empty list or mismatched models.
 */
export function mergeModels(models: readonly ProfileModel[]): ProfileModel {
  const first = models[0];
  if (!first) throw new RangeError('no profiles to merge');
  if (models.length === 1) return first;
  const typeNames = first.valueTypes.map((type) => `${type.name}/${type.unit}`).join(',');
  for (const model of models) {
    const names = model.valueTypes.map((type) => `${type.name}/${type.unit}`).join(',');
    if (model.kind !== first.kind || names !== typeNames)
      throw new RangeError(`cannot merge a ${model.kind} profile (${names}) into a ${first.kind} one`);
  }

  const count = models.reduce((sum, model) => sum + model.nodes.count, 0);
  const frames = new FrameTable();
  const parent = new Int32Array(count);
  const frame = new Int32Array(count);
  const self = first.valueTypes.map(() => new Float64Array(count));
  const offsets: number[] = [];
  let offset = 0;
  for (const model of models) {
    offsets.push(offset);
    const frameOf = model.frames.map((f) => frames.intern(frameInput(f)));
    for (let i = 0; i < model.nodes.count; i++) {
      const p = model.nodes.parent[i]!;
      parent[offset + i] = p === -1 ? -1 : offset + p;
      frame[offset + i] = frameOf[model.nodes.frame[i]!]!;
      self.forEach((values, v) => (values[offset + i] = model.nodes.self[v]![i]!));
    }
    offset += model.nodes.count;
  }
  const tree = assembleTree({ parent, frame, self }, frames.frames);

  const durations = models.flatMap((model) => (model.durationUs === undefined ? [] : [model.durationUs]));
  return freezeModel({
    kind: first.kind,
    frames: frames.frames,
    nodes: tree.nodes,
    valueTypes: first.valueTypes.map((type) => ({ ...type })),
    roots: tree.roots,
    durationUs: durations.length > 0 ? durations.reduce((a, b) => a + b, 0) : undefined,
    samplingInterval: models.find((model) => model.samplingInterval !== undefined)?.samplingInterval,
    samples: mergedSamples(models, offsets, tree.nodeOfSource),
  });
}

function mergedSamples(
  models: readonly ProfileModel[],
  offsets: readonly number[],
  nodeOfSource: Int32Array,
): ProfileModel['samples'] {
  if (!models.every((model) => model.samples)) return undefined;
  const total = models.reduce((sum, model) => sum + model.samples!.node.length, 0);
  const node = new Int32Array(total);
  const value = new Float64Array(total);
  let s = 0;
  models.forEach((model, m) => {
    const samples = model.samples!;
    for (let k = 0; k < samples.node.length; k++, s++) {
      const source = samples.node[k]!;
      node[s] = source === -1 ? -1 : nodeOfSource[offsets[m]! + source]!;
      value[s] = samples.value[k]!;
    }
  });
  return { node, value };
}

/** A model frame as FrameTable input (the category is derived again on interning). */
export function frameInput(frame: ProfileFrame): FrameInput {
  const { category: _category, ...input } = frame;
  return input;
}
