/**
 * The heap snapshots of a recording with `retainers`: the first when it starts, the last when it ends
 * (before the allocation sampler lets go of the heap profiler, which would renumber the objects), each
 * pause told in the session's events. A snapshot that fails costs the recording nothing else.
 */
import type { InspectorSession } from '../inspector/inspector-session';
import type { RecordingState } from '../recorder/recording-state';
import { write, writeEvent } from '../recorder/recording-state';
import { startHeapGrowthTracker } from './heap-growth-tracker';
import { SnapshotsNotComparableError, type HeapGrowth } from '../../core/retainers/heap-growth';
import { snapshotPauseText } from '../../core/retainers/snapshot-pause';
import { formatBytes } from '../../core/units/bytes';

/**
 * `<session file>.<pid>.<n>.heapsnapshot` beside the session file (`.<pid>-t<threadId>.` for a worker
 * thread): the processes and threads of one session each keep their own.
 */
export function keptSnapshotPath(sessionPath: string, n: number, pid: number, threadId = 0): string {
  return `${sessionPath}.${pid}${threadId ? `-t${threadId}` : ''}.${n}.heapsnapshot`;
}

const why = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export async function startRetainers(state: RecordingState): Promise<void> {
  const { writer, options } = state;
  try {
    const { usedSize } = await state.link.session.send('Runtime.getHeapUsage');
    writeEvent(
      state,
      'info',
      `taking a heap snapshot of ${formatBytes(usedSize)} of heap: the target pauses ${snapshotPauseText(usedSize)}`,
    );
    state.heapGrowth = await startHeapGrowthTracker(
      state.link.session,
      options.keepSnapshots
        ? (n) => keptSnapshotPath(writer.path, n, state.target.pid, state.target.thread?.threadId)
        : undefined,
    );
    writeEvent(
      state,
      'info',
      `first heap snapshot taken: it stopped the target for ${state.heapGrowth.firstPauseMs} ms`,
    );
  } catch (error) {
    writeEvent(state, 'warning', `no heap snapshot: ${why(error)}; the recording goes on without retainers`);
  }
}

/** A snapshot asked for during the recording (from the app): compared with the first and written. */
export async function compareHeapNow(state: RecordingState): Promise<HeapGrowth> {
  const tracker = state.heapGrowth;
  if (state.finishing) throw new Error('the recording has ended');
  if (!tracker) throw new Error('the recording took no first heap snapshot (see its events)');
  if (tracker.session !== state.link.session)
    throw new Error('the connection was made again: V8 numbers objects anew, so there is nothing to compare');
  const growth = await tracker.compare();
  write(state, { type: 'heap-growth', growth });
  return growth;
}

/**
 * After a recording's last snapshot (and its allocation sampler): V8 tracks every object's moves from the
 * first heap snapshot on, at each GC, until the heap profiler is disabled, which also drops the ids.
 * Left on, the service would pay for it after the recording (measured in docs/performance.md).
 */
export async function releaseHeapProfiler(session: InspectorSession): Promise<void> {
  await session.send('HeapProfiler.disable').catch(() => undefined);
}

/** Takes the last snapshot and writes what grew since the first; a warning instead when it cannot. */
export async function finishRetainers(state: RecordingState): Promise<void> {
  const tracker = state.heapGrowth;
  if (!tracker) return;
  state.heapGrowth = null;
  if (tracker.session !== state.link.session) {
    writeEvent(
      state,
      'warning',
      'no heap growth: the connection was made again, and V8 numbers objects anew for it',
    );
    return;
  }
  try {
    const growth = await tracker.compare();
    write(state, { type: 'heap-growth', growth });
  } catch (error) {
    const what =
      error instanceof SnapshotsNotComparableError ? 'no heap growth' : 'the last heap snapshot failed';
    writeEvent(state, 'warning', `${what}: ${why(error)}`);
  }
}
