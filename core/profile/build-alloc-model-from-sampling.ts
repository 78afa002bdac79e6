/** Builds the model of a CDP sampling heap profile (`HeapProfiler.stopSampling`, or a `.heapprofile`). */
import type { Protocol } from 'devtools-protocol';
import type { AllocNode } from '../session/records';
import { buildAllocModelFromNodes } from './build-alloc-model';
import type { ProfileModel } from './profile-model';

/**
 * The call tree of `profile` (nested `head`), with bytes and sample counts per node.
 * Pass the `samplingInterval` (bytes) the profile was taken with when known: size estimates need it.
 */
export function buildAllocModelFromSampling(
  profile: Protocol.HeapProfiler.SamplingHeapProfile,
  samplingIntervalBytes?: number,
): ProfileModel {
  const flat: AllocNode[] = [];
  const stack: { node: Protocol.HeapProfiler.SamplingHeapProfileNode; parent: number }[] = [
    { node: profile.head, parent: 0 },
  ];
  while (stack.length > 0) {
    const { node, parent } = stack.pop()!;
    flat.push({ id: node.id, parent, callFrame: node.callFrame, selfSize: node.selfSize });
    for (let c = node.children.length - 1; c >= 0; c--)
      stack.push({ node: node.children[c]!, parent: node.id });
  }
  return buildAllocModelFromNodes(flat, profile.samples ?? [], samplingIntervalBytes);
}
