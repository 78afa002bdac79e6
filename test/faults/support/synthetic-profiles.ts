/**
 * Profiles of about a given size in JSON, shaped as CDP delivers them (`Profiler.stop`,
 * `HeapProfiler.stopSampling`), for the large-session tests: many distinct call frames with long URLs
 * (as bundled code has), so that nodes weigh ~330 bytes each, and plenty of samples.
 */
import type { Protocol } from 'devtools-protocol';

const MIB = 1024 * 1024;
/** JSON bytes of one node with its call frame. */
const BYTES_PER_NODE = 330;
const URL = `file:///srv/app/node_modules/some-framework/dist/${'nested/'.repeat(25)}index.js`;

function callFrame(i: number): Protocol.Runtime.CallFrame {
  return { functionName: `handler${i}`, scriptId: '42', url: URL, lineNumber: i % 5000, columnNumber: 7 };
}

/** A CPU profile of ~`megabytes` of JSON: 80% nodes (in long chains), 20% samples (~8 bytes each). */
export function syntheticCpuProfile(megabytes: number): Protocol.Profiler.Profile {
  const nodeCount = Math.round((megabytes * MIB * 0.8) / BYTES_PER_NODE);
  const sampleCount = Math.round((megabytes * MIB * 0.2) / 8);
  const nodes = Array.from({ length: nodeCount }, (_, i) => ({
    id: i + 1,
    callFrame: callFrame(i),
    hitCount: 1,
    children: i + 2 <= nodeCount && i % 2 === 0 ? [i + 2] : [],
  }));
  const samples = Array.from({ length: sampleCount }, (_, i) => (i % nodeCount) + 1);
  return { nodes, startTime: 0, endTime: sampleCount * 1000, samples, timeDeltas: samples.map(() => 1000) };
}

/** Bytes V8 reports per sample at the default 32 KiB interval. */
const SAMPLE_SIZE = 32 * 1024;

/**
 * A sampling heap profile of ~`megabytes` of JSON, nested as CDP nests it: 80% nodes (a binary tree,
 * ~18 deep, so no consumer needs deep recursion) calling `functions` distinct functions (a service has
 * thousands, each reached by many stacks), 20% samples (~47 bytes each), spread over the nodes.
 */
export function syntheticAllocProfile(
  megabytes: number,
  functions: number,
): Protocol.HeapProfiler.SamplingHeapProfile {
  const nodeCount = Math.round((megabytes * MIB * 0.8) / BYTES_PER_NODE);
  const sampleCount = Math.round((megabytes * MIB * 0.2) / 47);
  const nodes: Protocol.HeapProfiler.SamplingHeapProfileNode[] = Array.from(
    { length: nodeCount },
    (_, i) => ({ id: i + 1, callFrame: callFrame(i % functions), selfSize: 0, children: [] }),
  );
  for (let i = 1; i < nodeCount; i++) nodes[Math.floor((i - 1) / 2)]!.children.push(nodes[i]!);
  const samples = Array.from({ length: sampleCount }, (_, s) => {
    const nodeId = (s % nodeCount) + 1;
    nodes[nodeId - 1]!.selfSize += SAMPLE_SIZE;
    return { size: SAMPLE_SIZE, nodeId, ordinal: s + 1 };
  });
  return { head: nodes[0]!, samples };
}
