/**
 * Chrome DevTools' `.heapprofile`: CDP's `HeapProfiler.SamplingHeapProfile` as JSON (nested `head`,
 * `samples` with `size` in bytes). Hyperscope's own exports add `_hyperscope` (what the window included
 * and its sampling interval), which DevTools ignores.
 */
import type { Protocol } from 'devtools-protocol';
import { buildAllocModelFromSampling } from '../profile/build-alloc-model-from-sampling';
import { isCallFrame } from './cpuprofile';
import { ImportError } from './import-error';
import { emptyProfileSet, type ProfileSet } from './profile-set';

/** What Hyperscope's heapprofile export records beside the standard fields. */
export interface HeapProfileExtras {
  /** True: objects GC collected are included (allocated); false: still alive. */
  includesCollected: boolean;
  /** Bytes between samples. */
  samplingInterval?: number;
}

export type HeapProfileFile = Protocol.HeapProfiler.SamplingHeapProfile & { _hyperscope?: HeapProfileExtras };

/** True when `raw` has a `head` node with a call frame and children. */
export function isHeapProfile(raw: unknown): raw is HeapProfileFile {
  if (typeof raw !== 'object' || raw === null) return false;
  const head = (raw as { head?: Partial<Protocol.HeapProfiler.SamplingHeapProfileNode> }).head;
  return (
    typeof head === 'object' && head !== null && isCallFrame(head.callFrame) && Array.isArray(head.children)
  );
}

/**
 * The allocation model of a `.heapprofile`. Without Hyperscope's extras it counts as still alive: DevTools
 * samples without the collected-objects flags by default. Nodes without ids (Chrome 69, Node 10) are
 * numbered. Throws an ImportError on a broken node.
 */
export function importHeapProfile(file: HeapProfileFile): ProfileSet {
  const profile = withNodeIds(file);
  const stack = [profile.head];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (typeof node?.id !== 'number' || !isCallFrame(node.callFrame) || typeof node.selfSize !== 'number')
      throw new ImportError('.heapprofile: a node has no id, call frame or selfSize');
    if (!Array.isArray(node.children))
      throw new ImportError(`.heapprofile: node ${node.id} has no children list`);
    for (const child of node.children) stack.push(child);
  }
  if (profile.samples !== undefined && !Array.isArray(profile.samples))
    throw new ImportError('.heapprofile: samples is not a list');
  for (const sample of profile.samples ?? []) {
    const { size, nodeId, ordinal } = (sample ?? {}) as unknown as Partial<Record<string, unknown>>;
    if (![size, nodeId, ordinal].every((value) => typeof value === 'number' && Number.isFinite(value)))
      throw new ImportError('.heapprofile: a sample has no numeric size, nodeId or ordinal');
  }
  const extras = profile._hyperscope;
  const model = buildAllocModelFromSampling(profile, extras?.samplingInterval);
  const set = emptyProfileSet('heapprofile');
  if (extras?.includesCollected === true) set.allocated = model;
  else set.alive = model;
  return set;
}

/**
 * `profile` with every node numbered (depth first, from 1) when its nodes have no `id`: Chrome 69 and
 * Node 10 wrote them without, and without `samples`, which name nodes by id. A file with samples but
 * nodes without ids is left as it is (and refused).
 */
function withNodeIds(profile: HeapProfileFile): HeapProfileFile {
  if (typeof profile.head?.id === 'number' || (profile.samples?.length ?? 0) > 0) return profile;
  let next = 1;
  const numbered = (
    node: Protocol.HeapProfiler.SamplingHeapProfileNode,
  ): Protocol.HeapProfiler.SamplingHeapProfileNode => ({
    ...node,
    id: next++,
    children: Array.isArray(node.children)
      ? node.children.map((child) => (child ? numbered(child) : child))
      : node.children,
  });
  return { ...profile, head: numbered(profile.head) };
}
