/**
 * The shapes Chrome DevTools reads from `.cpuprofile` and `.heapprofile` files (CDP's
 * `Profiler.Profile` and `HeapProfiler.SamplingHeapProfile`), as JSON Schemas for ajv, plus the id
 * invariants a schema cannot state.
 */
import type { Protocol } from 'devtools-protocol';

const CALL_FRAME = {
  type: 'object',
  required: ['functionName', 'scriptId', 'url', 'lineNumber', 'columnNumber'],
  properties: {
    functionName: { type: 'string' },
    scriptId: { type: 'string' },
    url: { type: 'string' },
    lineNumber: { type: 'integer', minimum: -1 },
    columnNumber: { type: 'integer', minimum: -1 },
  },
};

export const CPU_PROFILE_SCHEMA = {
  type: 'object',
  required: ['nodes', 'startTime', 'endTime', 'samples', 'timeDeltas'],
  properties: {
    nodes: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['id', 'callFrame'],
        properties: {
          id: { type: 'integer', minimum: 1 },
          callFrame: CALL_FRAME,
          hitCount: { type: 'integer', minimum: 0 },
          children: { type: 'array', items: { type: 'integer' } },
        },
      },
    },
    startTime: { type: 'number' },
    endTime: { type: 'number' },
    samples: { type: 'array', items: { type: 'integer' } },
    timeDeltas: { type: 'array', items: { type: 'number', minimum: 0 } },
  },
};

export const HEAP_PROFILE_SCHEMA = {
  $defs: {
    node: {
      type: 'object',
      required: ['callFrame', 'selfSize', 'id', 'children'],
      properties: {
        callFrame: CALL_FRAME,
        selfSize: { type: 'number', minimum: 0 },
        id: { type: 'integer' },
        children: { type: 'array', items: { $ref: '#/$defs/node' } },
      },
    },
  },
  type: 'object',
  required: ['head', 'samples'],
  properties: {
    head: { $ref: '#/$defs/node' },
    samples: {
      type: 'array',
      items: {
        type: 'object',
        required: ['size', 'nodeId', 'ordinal'],
        properties: { size: { type: 'number' }, nodeId: { type: 'integer' }, ordinal: { type: 'number' } },
      },
    },
  },
};

/** What DevTools assumes of ids: unique, children and samples name existing nodes, one root. */
export function checkCpuProfileIds(profile: Protocol.Profiler.Profile): string[] {
  const problems: string[] = [];
  const ids = new Set(profile.nodes.map((node) => node.id));
  if (ids.size !== profile.nodes.length) problems.push('duplicate node ids');
  const children = new Set<number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) {
      if (!ids.has(child)) problems.push(`node ${node.id} has unknown child ${child}`);
      children.add(child);
    }
  const roots = profile.nodes.filter((node) => !children.has(node.id));
  if (roots.length !== 1) problems.push(`${roots.length} roots`);
  if ((profile.samples ?? []).some((id) => !ids.has(id))) problems.push('a sample names an unknown node');
  if (profile.samples?.length !== profile.timeDeltas?.length) problems.push('samples and timeDeltas differ');
  return problems;
}
