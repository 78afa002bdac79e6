/** Builds the model of a CDP CPU profile (`Profiler.stop`, or a `.cpuprofile` file). */
import type { Protocol } from 'devtools-protocol';
import { assembleTree, freezeModel } from './assemble-model';
import { cpuProfileAgentScripts } from './agent-frames';
import { FrameTable } from './frame-table';
import type { ProfileModel, ValueType } from './profile-model';

/** CPU value types: sample counts, and the time those samples stand for. */
export const CPU_VALUE_TYPES: readonly ValueType[] = [
  { name: 'samples', unit: 'count' },
  { name: 'time', unit: 'microseconds' },
];

/**
 * The call tree of `profile` with, per node, the samples taken in it and their time in µs.
 * A sample lasts until the next one (`timeDeltas[i + 1]`, µs); the last lasts until `endTime`.
 * Parents come from the `children` arrays; samples naming unknown nodes are ignored. The agent's frames
 * become one `(hyperscope agent)` frame (`agent-frames.ts`).
 */
export function buildCpuModel(
  profile: Protocol.Profiler.Profile,
  /** Script ids of the agent known from elsewhere (other windows of the session). */
  agentScripts: ReadonlySet<string> = new Set(),
): ProfileModel {
  const scripts = new Set([...agentScripts, ...cpuProfileAgentScripts(profile)]);
  // Opening a profile builds its model for the import, the findings and the UI: once is enough
  // (profiles are never changed once read, and the same agent scripts give the same model).
  const key = [...scripts].sort().join('\0');
  const known = built.get(profile);
  if (known?.key === key) return known.model;
  const model = build(profile, scripts);
  built.set(profile, { key, model });
  return model;
}

const built = new WeakMap<Protocol.Profiler.Profile, { key: string; model: ProfileModel }>();

function build(profile: Protocol.Profiler.Profile, agentScripts: ReadonlySet<string>): ProfileModel {
  const nodeCount = profile.nodes.length;
  const sourceOf = sourceIndexById(profile.nodes);
  const frames = new FrameTable(agentScripts);
  const parent = new Int32Array(nodeCount).fill(-1);
  const frame = new Int32Array(nodeCount);
  profile.nodes.forEach((node, i) => {
    const codeType = (node as { codeType?: string }).codeType;
    frame[i] = frames.internCallFrame(node.callFrame, codeType);
    for (const childId of node.children ?? []) {
      const child = sourceOf(childId);
      if (child !== -1) parent[child] = i;
    }
  });

  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const sampleSource = new Int32Array(samples.length);
  const sampleTime = sampleDurationsUs(samples.length, deltas, profile);
  const count = new Float64Array(nodeCount);
  const time = new Float64Array(nodeCount);
  for (let s = 0; s < samples.length; s++) {
    const source = sourceOf(samples[s]!);
    sampleSource[s] = source;
    if (source === -1) continue;
    count[source]! += 1;
    time[source]! += sampleTime[s]!;
  }
  if (samples.length === 0) {
    // Some writers give only `hitCount`; without timestamps, time stays 0.
    profile.nodes.forEach((node, i) => (count[i] = node.hitCount ?? 0));
  }

  const tree = assembleTree({ parent, frame, self: [count, time] }, frames.frames);
  const sampleNode = sampleSource.map((source) => (source === -1 ? -1 : tree.nodeOfSource[source]!));
  return freezeModel({
    kind: 'cpu',
    frames: frames.frames,
    nodes: tree.nodes,
    valueTypes: CPU_VALUE_TYPES.map((type) => ({ ...type })),
    roots: tree.roots,
    durationUs: Math.max(0, profile.endTime - profile.startTime),
    samplingInterval: samples.length > 0 ? medianInterval(deltas) : undefined,
    samples: { node: sampleNode, value: sampleTime },
  });
}

/** Node id → index in `nodes` (-1 if absent): a flat table when ids are dense, as V8's are, else a Map. */
function sourceIndexById(nodes: readonly Protocol.Profiler.ProfileNode[]): (id: number) => number {
  let maxId = 0;
  for (const node of nodes) maxId = Math.max(maxId, node.id);
  if (Number.isInteger(maxId) && maxId <= 4 * nodes.length + 1024) {
    const table = new Int32Array(maxId + 1).fill(-1);
    nodes.forEach((node, i) => node.id >= 0 && (table[node.id] = i));
    return (id) => (id >= 0 && id <= maxId ? (table[id] ?? -1) : -1);
  }
  const map = new Map<number, number>();
  nodes.forEach((node, i) => map.set(node.id, i));
  return (id) => map.get(id) ?? -1;
}

/** µs each sample stands for: the gap to the next sample; the last one's gap to `endTime`. */
function sampleDurationsUs(
  count: number,
  deltas: readonly number[],
  profile: Protocol.Profiler.Profile,
): Float64Array {
  const durations = new Float64Array(count);
  let timestamp = profile.startTime;
  for (let s = 0; s < count; s++) {
    timestamp += deltas[s] ?? 0;
    // V8 can emit slightly negative deltas when samples are reordered: never count negative time.
    if (s + 1 < count) durations[s] = Math.max(0, deltas[s + 1] ?? 0);
  }
  if (count > 0) durations[count - 1] = Math.max(0, profile.endTime - timestamp);
  return durations;
}

/** The typical gap between samples, µs: the median of up to ~10,000 evenly spread deltas (robust to pauses). */
function medianInterval(deltas: readonly number[]): number | undefined {
  const step = Math.max(1, Math.floor(deltas.length / 10_000));
  const picked: number[] = [];
  for (let i = 0; i < deltas.length; i += step) if (deltas[i]! > 0) picked.push(deltas[i]!);
  picked.sort((a, b) => a - b);
  return picked.length > 0 ? picked[picked.length >> 1] : undefined;
}
