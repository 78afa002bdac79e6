/**
 * Splits a CDP profile into session records of bounded size, so that a large profile is written
 * (and later read) in parts, never as one giant string.
 */
import type { Protocol } from 'devtools-protocol';
import type { AllocNode, ProfileBeginRecord, SessionRecord } from './records';

/** Nodes per record: a few hundred KiB of JSON at most. */
export const NODES_PER_RECORD = 2000;
/** Samples per record. */
export const SAMPLES_PER_RECORD = 20000;

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

/** Records for one CPU profile window (`Profiler.stop`'s result). */
export function* cpuProfileRecords(
  meta: Omit<ProfileBeginRecord, 'type' | 'kind'>,
  profile: Protocol.Profiler.Profile,
): Generator<SessionRecord> {
  yield { type: 'profile-begin', kind: 'cpu', ...meta };
  for (const nodes of chunks(profile.nodes, NODES_PER_RECORD))
    yield { type: 'profile-cpu-nodes', id: meta.id, nodes };
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let start = 0; start < samples.length; start += SAMPLES_PER_RECORD) {
    yield {
      type: 'profile-cpu-samples',
      id: meta.id,
      samples: samples.slice(start, start + SAMPLES_PER_RECORD),
      timeDeltas: deltas.slice(start, start + SAMPLES_PER_RECORD),
    };
  }
  yield { type: 'profile-end', id: meta.id };
}

/** Flattens a sampling heap profile's nested tree without recursion (trees can be thousands deep). */
export function flattenAllocTree(head: Protocol.HeapProfiler.SamplingHeapProfileNode): AllocNode[] {
  const out: AllocNode[] = [];
  const stack: { node: Protocol.HeapProfiler.SamplingHeapProfileNode; parent: number }[] = [
    { node: head, parent: 0 },
  ];
  while (stack.length > 0) {
    const { node, parent } = stack.pop()!;
    out.push({ id: node.id, parent, callFrame: node.callFrame, selfSize: node.selfSize });
    for (let i = node.children.length - 1; i >= 0; i--)
      stack.push({ node: node.children[i]!, parent: node.id });
  }
  return out;
}

/** Records for one allocation-sampling window (`HeapProfiler.getSamplingProfile`'s result). */
export function* allocProfileRecords(
  meta: Omit<ProfileBeginRecord, 'type' | 'kind'>,
  profile: Protocol.HeapProfiler.SamplingHeapProfile,
): Generator<SessionRecord> {
  yield { type: 'profile-begin', kind: 'alloc', ...meta };
  for (const nodes of chunks(flattenAllocTree(profile.head), NODES_PER_RECORD)) {
    yield { type: 'profile-alloc-nodes', id: meta.id, nodes };
  }
  for (const samples of chunks(profile.samples, SAMPLES_PER_RECORD)) {
    yield { type: 'profile-alloc-samples', id: meta.id, samples };
  }
  yield { type: 'profile-end', id: meta.id };
}
