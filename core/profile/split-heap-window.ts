/**
 * One window of `v8.startHeapProfile` (every sample kept, each marked live or not) as the two windows a
 * session stores: "allocated" (every sample) and "still alive" (samples that outlived a full GC). No GC is
 * forced at the window's end, so a live sample allocated after the last full GC is not known to survive:
 * only samples allocated before the last full GC the window saw count, and the still-alive window ends
 * at that GC. A window without a full GC has no still-alive part. Samples are placed in time by V8's
 * allocated-bytes counter: in ordinal order, each sample stands for `size` bytes allocated.
 *
 * That placing is an estimate, and a sample placed before the GC that was allocated after it is young
 * garbage counted as surviving. The samples' bytes ran ~1% under V8's counter (Node 26.12: 4356 against
 * 4399 MiB), the count of samples varies by about its square root, and the GC's allocated count is read
 * when Node reports the GC, milliseconds late. So only the samples of the first part of the span before
 * the GC are kept, short of it by {@link MIN_MARGIN} or three standard deviations of the sample count,
 * whichever is more, and the still-alive window ends as much earlier (time taken as proportional to bytes).
 * Without it, a target allocating 8 KiB garbage had 2% of it counted alive.
 */
import type { Protocol } from 'devtools-protocol';
import type { AgentHeapWindow } from '../agent-protocol';

type Profile = Protocol.HeapProfiler.SamplingHeapProfile;
type Node = Protocol.HeapProfiler.SamplingHeapProfileNode;

/** A sample of `v8.startHeapProfile`'s profile: CDP's, plus whether its object was still live. */
export interface LiveMarkedSample extends Protocol.HeapProfiler.SamplingHeapProfileSample {
  isLive?: boolean;
}

/** The profile `v8.startHeapProfile`'s handle gives, parsed. */
export interface LiveMarkedProfile {
  head: Node;
  samples: LiveMarkedSample[];
}

/** One stored window: when it ran (ms since the epoch), whether collected objects are in, its profile. */
export interface SplitWindow {
  startTime: number;
  endTime: number;
  includesCollected: boolean;
  profile: Profile;
}

/** The least share of the span before the last full GC left out of the still-alive window. */
export const MIN_MARGIN = 0.05;

export function splitHeapWindow(
  window: Pick<
    AgentHeapWindow,
    'startTime' | 'endTime' | 'samplingInterval' | 'allocatedAtStart' | 'fullGcs'
  >,
  profile: LiveMarkedProfile,
): { allocated: SplitWindow; alive: SplitWindow | null } {
  const ordered = [...profile.samples].sort((a, b) => a.ordinal - b.ordinal);
  const plain = (sample: LiveMarkedSample) => ({
    size: sample.size,
    nodeId: sample.nodeId,
    ordinal: sample.ordinal,
  });
  const allocated: SplitWindow = {
    startTime: window.startTime,
    endTime: window.endTime,
    includesCollected: true,
    profile: withSamples(profile.head, ordered.map(plain)),
  };
  const lastGc = window.fullGcs.at(-1);
  if (!lastGc) return { allocated, alive: null };
  const judgedBytes = lastGc.allocatedBytes - window.allocatedAtStart;
  const expectedSamples = Math.max(1, judgedBytes / window.samplingInterval);
  const kept = Math.max(0, 1 - Math.max(MIN_MARGIN, 3 / Math.sqrt(expectedSamples)));
  const survived: Protocol.HeapProfiler.SamplingHeapProfileSample[] = [];
  let allocatedBefore = 0;
  for (const sample of ordered) {
    allocatedBefore += sample.size;
    if (allocatedBefore > kept * judgedBytes) break;
    if (sample.isLive !== false) survived.push(plain(sample));
  }
  const gcTime = Math.max(window.startTime, Math.min(lastGc.time, window.endTime));
  const alive: SplitWindow = {
    startTime: window.startTime,
    endTime: window.startTime + kept * (gcTime - window.startTime),
    includesCollected: false,
    profile: withSamples(profile.head, survived),
  };
  return { allocated, alive };
}

/** `head`'s tree with every node's `selfSize` the sum of `samples` at it. */
function withSamples(head: Node, samples: Protocol.HeapProfiler.SamplingHeapProfileSample[]): Profile {
  const bytes = new Map<number, number>();
  for (const sample of samples) bytes.set(sample.nodeId, (bytes.get(sample.nodeId) ?? 0) + sample.size);
  // Node 26 gives script ids as numbers; CDP (and the session's records) as strings.
  const copy = (node: Node): Node => ({
    callFrame: { ...node.callFrame, scriptId: String(node.callFrame.scriptId) },
    selfSize: bytes.get(node.id) ?? 0,
    id: node.id,
    children: node.children.map(copy),
  });
  return { head: copy(head), samples };
}
