/**
 * Exports a CPU model as Chrome DevTools' `.cpuprofile` (CDP `Profiler.Profile`), in JSON chunks.
 * Samples keep their order and durations when the model has them; otherwise each node's sample count
 * is spread evenly over its time, so DevTools' charts still add up.
 */
import { childLists } from '../profile/assemble-model';
import { valueIndexOf, type ProfileModel } from '../profile/profile-model';
import { batched, num } from './chunks';
import { callFrameJson, devtoolsIds, ROOT_CALL_FRAME } from './devtools-nodes';

/** Sample length used when a model has counts but no time, µs. */
const DEFAULT_SAMPLE_US = 1000;

/** The `.cpuprofile` JSON of `model`, in chunks. */
export function* cpuprofileChunks(model: ProfileModel): Generator<string> {
  yield* batched(cpuprofilePieces(model));
}

function* cpuprofilePieces(model: ProfileModel): Generator<string> {
  const { synthetic, idOf } = devtoolsIds(model);
  const children = childLists(model.nodes.parent);
  const countIndex = valueIndexOf(model, 'samples');
  const timeIndex = valueIndexOf(model, 'time');
  yield '{"nodes":[';
  if (synthetic)
    yield `{"id":1,"callFrame":${ROOT_CALL_FRAME},"hitCount":0,"children":[${Array.from(model.roots, idOf).join(',')}]}`;
  for (let i = 0; i < model.nodes.count; i++) {
    const kids = Array.from(children.list.subarray(children.start[i]!, children.end[i]!), idOf);
    const frame = model.frames[model.nodes.frame[i]!];
    const hits = countIndex >= 0 ? Math.round(model.nodes.self[countIndex]![i]!) : 0;
    const codeType = frame?.codeType ? `,"codeType":${JSON.stringify(frame.codeType)}` : '';
    yield `${synthetic || i > 0 ? ',' : ''}{"id":${idOf(i)},"callFrame":${callFrameJson(frame)},"hitCount":${hits}${codeType}`;
    yield kids.length > 0 ? `,"children":[${kids.join(',')}]}` : '}';
  }
  const rootId = synthetic ? 1 : idOf(model.roots[0]!);
  const { ids, durations } = sampleSource(model, countIndex, timeIndex, rootId, idOf);
  let sum = 0;
  for (const duration of durations()) sum += duration;
  const start = 0;
  const lead = Math.max(0, (model.durationUs ?? sum) - sum);
  yield `],"startTime":${start},"endTime":${num(start + lead + sum)},"samples":[`;
  let first = true;
  for (const id of ids()) {
    yield first ? String(id) : `,${id}`;
    first = false;
  }
  // A sample lasts until the next one: delta k+1 is sample k's duration; delta 0 is the lead-in.
  yield `],"timeDeltas":[`;
  let previous = lead;
  first = true;
  for (const duration of durations()) {
    yield first ? num(previous) : `,${num(previous)}`;
    previous = duration;
    first = false;
  }
  yield ']}\n';
}

interface SampleSource {
  ids: () => Iterable<number>;
  durations: () => Iterable<number>;
}

function sampleSource(
  model: ProfileModel,
  countIndex: number,
  timeIndex: number,
  rootId: number,
  idOf: (node: number) => number,
): SampleSource {
  const samples = model.samples;
  if (samples && timeIndex >= 0) {
    return {
      *ids() {
        for (const node of samples.node) yield node < 0 ? rootId : idOf(node);
      },
      durations: () => samples.value,
    };
  }
  // No samples: synthesize `count` samples per node, each an equal share of the node's time.
  const counts = (i: number): number => {
    const count = countIndex >= 0 ? Math.round(model.nodes.self[countIndex]![i]!) : 0;
    return count > 0 ? count : timeIndex >= 0 && model.nodes.self[timeIndex]![i]! > 0 ? 1 : 0;
  };
  return {
    *ids() {
      for (let i = 0; i < model.nodes.count; i++) for (let k = counts(i); k > 0; k--) yield idOf(i);
    },
    *durations() {
      for (let i = 0; i < model.nodes.count; i++) {
        const count = counts(i);
        const share = timeIndex >= 0 ? model.nodes.self[timeIndex]![i]! / count : DEFAULT_SAMPLE_US;
        for (let k = 0; k < count; k++) yield share;
      }
    },
  };
}
