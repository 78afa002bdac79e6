/**
 * Exports models as one speedscope file (sampled profiles, one per model, sharing one frame table),
 * written as JSON chunks. A CPU profile with timestamps keeps its samples in time order (speedscope's
 * "Time Order" view) up to `MAX_TIME_ORDERED_SAMPLES`; beyond, and for other kinds, stacks are aggregated.
 */
import { frameLabel, valueIndexOf, type ProfileModel } from '../profile/profile-model';
import { batched, num, stackOf } from './chunks';
import { SPEEDSCOPE_SCHEMA, type SpeedscopeUnit } from './speedscope-file';

/** Above this many samples, a time-ordered profile would be too big to open: aggregate instead. */
export const MAX_TIME_ORDERED_SAMPLES = 100_000;

export interface SpeedscopeEntry {
  /** Shown in speedscope's profile selector (see SPEEDSCOPE_PROFILE_NAMES). */
  name: string;
  model: ProfileModel;
  valueIndex: number;
}

/** The speedscope JSON of `entries`, in chunks. `name` titles the file. */
export function* speedscopeChunks(entries: readonly SpeedscopeEntry[], name: string): Generator<string> {
  yield* batched(speedscopePieces(entries, name));
}

function* speedscopePieces(entries: readonly SpeedscopeEntry[], name: string): Generator<string> {
  const shared = new Map<string, number>();
  const frameMaps = entries.map(({ model }) =>
    model.frames.map((frame) => {
      const key = `${frame.functionName}\0${frame.url}\0${frame.line}\0${frame.column}`;
      let index = shared.get(key);
      if (index === undefined) shared.set(key, (index = shared.size));
      return index;
    }),
  );
  yield `{"$schema":${JSON.stringify(SPEEDSCOPE_SCHEMA)},"exporter":"hyperscope","name":${JSON.stringify(name)},`;
  yield '"activeProfileIndex":0,"shared":{"frames":[';
  const written = new Set<number>();
  for (const [e, { model }] of entries.entries()) {
    for (const [f, frame] of model.frames.entries()) {
      const index = frameMaps[e]![f]!;
      if (written.has(index)) continue;
      written.add(index);
      const where = frame.url
        ? `,"file":${JSON.stringify(frame.url)},"line":${frame.line},"col":${frame.column}`
        : '';
      yield `${index > 0 ? ',' : ''}{"name":${JSON.stringify(frameLabel(frame))}${where}}`;
    }
  }
  yield ']},"profiles":[';
  for (const [e, entry] of entries.entries()) {
    if (e > 0) yield ',';
    yield* profilePieces(entry, frameMaps[e]!);
  }
  yield ']}\n';
}

function* profilePieces({ name, model, valueIndex }: SpeedscopeEntry, frameMap: number[]): Generator<string> {
  const type = model.valueTypes[valueIndex];
  if (!type) throw new RangeError(`no value type ${valueIndex}`);
  const unit: SpeedscopeUnit =
    type.unit === 'microseconds' ? 'microseconds' : type.unit === 'bytes' ? 'bytes' : 'none';
  const { parent, frame, depth } = model.nodes;
  const mapped = (stack: number[]): string => stack.map((f) => frameMap[f]).join(',');
  const samples: string[] = [];
  const weights: number[] = [];
  let total = 0;
  const samplesOf = model.samples;
  if (
    samplesOf &&
    type.name === 'time' &&
    valueIndexOf(model, 'time') === valueIndex &&
    samplesOf.node.length <= MAX_TIME_ORDERED_SAMPLES
  ) {
    // Time order: consecutive samples of the same node become one.
    for (let s = 0; s < samplesOf.node.length; s++) {
      const node = samplesOf.node[s]!;
      const value = samplesOf.value[s]!;
      if (node < 0 || value <= 0) continue;
      total += value;
      if (s > 0 && samplesOf.node[s - 1] === node && weights.length > 0)
        weights[weights.length - 1]! += value;
      else {
        samples.push(`[${mapped(stackOf(parent, frame, node))}]`);
        weights.push(value);
      }
    }
    yield* profileJson(name, unit, total, samples, weights);
    return;
  }
  const self = model.nodes.self[valueIndex]!;
  yield `{"type":"sampled","name":${JSON.stringify(name)},"unit":"${unit}","startValue":0,"endValue":`;
  for (let i = 0; i < model.nodes.count; i++) total += Math.max(0, self[i]!);
  yield `${num(total)},"samples":[`;
  // Pre-order: the path to a node is the path to its parent plus its own frame.
  const path: number[] = [];
  let first = true;
  for (let i = 0; i < model.nodes.count; i++) {
    path.length = depth[i]!;
    path.push(frameMap[frame[i]!]!);
    if (self[i]! <= 0) continue;
    yield `${first ? '' : ','}[${path.join(',')}]`;
    first = false;
  }
  yield '],"weights":[';
  first = true;
  for (let i = 0; i < model.nodes.count; i++) {
    if (self[i]! <= 0) continue;
    yield `${first ? '' : ','}${num(self[i]!)}`;
    first = false;
  }
  yield ']}';
}

function* profileJson(
  name: string,
  unit: SpeedscopeUnit,
  total: number,
  samples: string[],
  weights: number[],
): Generator<string> {
  yield `{"type":"sampled","name":${JSON.stringify(name)},"unit":"${unit}","startValue":0,"endValue":${num(total)},"samples":[`;
  for (let s = 0; s < samples.length; s++) yield `${s > 0 ? ',' : ''}${samples[s]}`;
  yield '],"weights":[';
  for (let s = 0; s < weights.length; s++) yield `${s > 0 ? ',' : ''}${num(weights[s]!)}`;
  yield ']}';
}
