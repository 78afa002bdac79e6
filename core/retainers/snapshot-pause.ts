/**
 * What a heap snapshot costs the target, said before one is taken: V8 stops the target's JavaScript while
 * it walks the heap and writes the snapshot. Measured here (`bench/heap-snapshots.ts`, docs/performance.md).
 */
import { formatDurationMs } from '../units/duration';

/** Target pause per MiB of heap used, ms (Node 20–26 on this project's machines; see docs/performance.md). */
export const SNAPSHOT_PAUSE_MS_PER_MIB = 12;
/** The pause of a nearly empty heap, ms. */
export const SNAPSHOT_PAUSE_BASE_MS = 60;

/** About how long a snapshot of a heap with `heapUsedBytes` in use pauses the target, ms. */
export function snapshotPauseMs(heapUsedBytes: number): number {
  return Math.round(SNAPSHOT_PAUSE_BASE_MS + (SNAPSHOT_PAUSE_MS_PER_MIB * heapUsedBytes) / (1024 * 1024));
}

/** `about 1.3 s` for a heap of `heapUsedBytes`. */
export function snapshotPauseText(heapUsedBytes: number): string {
  return `about ${formatDurationMs(snapshotPauseMs(heapUsedBytes))}`;
}
