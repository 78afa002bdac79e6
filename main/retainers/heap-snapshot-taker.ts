/** The app's "Heap snapshot" button: a recording's snapshot on request, answered in brief, in original sources. */
import type { HeapSnapshotTaken } from '../../core/bridge/contract';
import { holderLine } from '../../core/retainers/holder-text';
import { heapGrowthUrls, remapHeapGrowth } from '../../core/retainers/remap-heap-growth';
import type { SourceMapCache } from '../profile/session-source-maps';
import type { Recording } from '../recorder/recording';

/** Null for a recording that takes no heap snapshots; `maps` moves the holders' functions to their sources. */
export function heapSnapshotTaker(
  recording: Recording,
  maps: SourceMapCache,
): (() => Promise<HeapSnapshotTaken>) | null {
  const { compareHeap } = recording;
  if (!compareHeap) return null;
  return async () => {
    const taken = await compareHeap();
    const growth = remapHeapGrowth(taken, await maps.mapsFor(heapGrowthUrls(taken)));
    const top = growth.holders[0];
    const spanS = (growth.last.time - growth.first.time) / 1000;
    return {
      pauseMs: growth.last.pauseMs ?? 0,
      grewBytes: growth.last.bytes - growth.first.bytes,
      topHolder: top ? holderLine(top, spanS) : null,
    };
  };
}
