/**
 * Leak retainers from the app: the Attach view's "heap snapshots at start and end" choice (every recording
 * started from the UI uses it, as `record --retainers`), and a snapshot asked for while recording.
 */
import type { HeapSnapshotTaken } from '../../core/bridge/contract';
import { errorLine } from './slice';
import type { SliceCreator } from './slice';

/** The snapshot asked for last in this recording: under way, its brief answer, or why it failed. */
export interface HeapSnapshotRequest {
  taking: boolean;
  taken: HeapSnapshotTaken | null;
  error: string | null;
}

export const NO_HEAP_SNAPSHOT: HeapSnapshotRequest = { taking: false, taken: null, error: null };

export interface RetainersSlice {
  retainersChoice: boolean;
  heapSnapshot: HeapSnapshotRequest;
  setRetainersChoice(on: boolean): void;
  /** Takes a heap snapshot of the recorded target now and compares it with the recording's first. */
  takeHeapSnapshot(): Promise<void>;
  dismissHeapSnapshot(): void;
}

export const createRetainersSlice: SliceCreator<RetainersSlice> = (api) => (set, get) => ({
  retainersChoice: false,
  heapSnapshot: NO_HEAP_SNAPSHOT,
  setRetainersChoice: (retainersChoice) => set({ retainersChoice }),
  async takeHeapSnapshot() {
    if (get().heapSnapshot.taking) return;
    set({ heapSnapshot: { ...get().heapSnapshot, taking: true, error: null } });
    try {
      set({ heapSnapshot: { taking: false, taken: await api.takeHeapSnapshot(), error: null } });
    } catch (error) {
      set({ heapSnapshot: { ...get().heapSnapshot, taking: false, error: errorLine(error) } });
    }
  },
  dismissHeapSnapshot: () => set({ heapSnapshot: NO_HEAP_SNAPSHOT }),
});
