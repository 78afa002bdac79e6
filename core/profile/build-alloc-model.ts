/** Builds the model of an allocation-sampling profile window, as the session file stores it. */
import type { AllocNode } from '../session/records';
import type { AllocProfileWindow } from '../session/session';
import { assembleTree, freezeModel } from './assemble-model';
import { agentScriptIds } from './agent-frames';
import { FrameTable } from './frame-table';
import type { ProfileModel, ValueType } from './profile-model';

/** Allocation value types: bytes V8 attributes to a node (already scaled up), and samples taken there. */
export const ALLOC_VALUE_TYPES: readonly ValueType[] = [
  { name: 'space', unit: 'bytes' },
  { name: 'samples', unit: 'count' },
];

/** An allocation sample as CDP gives it: `size` in bytes, already scaled up by V8. */
export interface AllocSample {
  size: number;
  nodeId: number;
  ordinal: number;
}

/** The call tree of a recorded window, with bytes (`selfSize`) and sample counts per node. */
export function buildAllocModel(
  window: AllocProfileWindow,
  /** Script ids of the agent known from elsewhere (other windows of the session). */
  agentScripts: ReadonlySet<string> = new Set(),
): ProfileModel {
  return buildAllocModelFromNodes(window.nodes, window.samples, window.meta.samplingInterval, agentScripts);
}

/**
 * The model of flattened sampling-profile nodes (`parent` is the parent's id; 0 or an unknown id makes
 * a root) and their samples (ordered by `ordinal`). `samplingIntervalBytes` is kept for size estimates.
 */
export function buildAllocModelFromNodes(
  nodes: readonly AllocNode[],
  samples: readonly AllocSample[],
  samplingIntervalBytes?: number,
  agentScripts: ReadonlySet<string> = new Set(),
): ProfileModel {
  const sourceOfId = new Map<number, number>();
  nodes.forEach((node, i) => sourceOfId.set(node.id, i));
  const ownAgentScripts = agentScriptIds(nodes.map((node) => node.callFrame));
  const frames = new FrameTable(new Set([...agentScripts, ...ownAgentScripts]));
  const parent = new Int32Array(nodes.length);
  const frame = new Int32Array(nodes.length);
  const space = new Float64Array(nodes.length);
  const count = new Float64Array(nodes.length);
  nodes.forEach((node, i) => {
    parent[i] = node.parent === node.id ? -1 : (sourceOfId.get(node.parent) ?? -1);
    frame[i] = frames.internCallFrame(node.callFrame);
    space[i] = node.selfSize;
  });

  const ordered = [...samples].sort((a, b) => a.ordinal - b.ordinal);
  const sampleSource = new Int32Array(ordered.length);
  const sampleBytes = new Float64Array(ordered.length);
  ordered.forEach((sample, s) => {
    const source = sourceOfId.get(sample.nodeId) ?? -1;
    sampleSource[s] = source;
    sampleBytes[s] = sample.size;
    if (source !== -1) count[source]! += 1;
  });

  const tree = assembleTree({ parent, frame, self: [space, count] }, frames.frames);
  return freezeModel({
    kind: 'alloc',
    frames: frames.frames,
    nodes: tree.nodes,
    valueTypes: ALLOC_VALUE_TYPES.map((type) => ({ ...type })),
    roots: tree.roots,
    samplingInterval: samplingIntervalBytes,
    samples: {
      node: sampleSource.map((source) => (source === -1 ? -1 : tree.nodeOfSource[source]!)),
      value: sampleBytes,
    },
  });
}
