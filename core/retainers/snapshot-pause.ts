/**
 * What a heap snapshot costs the target, said before one is taken: V8 stops the target's JavaScript while
 * it walks the heap and writes the snapshot, and the time grows a little faster than the heap (more
 * objects, more references). Fitted to `bench/heap-snapshots.ts` on this project's machines (Node 20,
 * records of ~45 bytes a heap object): 1.2 s at 19 MiB of heap, 6.8 s at 90 MiB, 30 s at 290 MiB
 * (docs/performance.md). `v8.writeHeapSnapshot` in the process itself took as long: the time is V8's.
 */
import { formatDurationMs } from '../units/duration';

/** pause ≈ PAUSE_MS_AT_1_MIB × (heap in MiB) ^ PAUSE_EXPONENT. */
export const PAUSE_MS_AT_1_MIB = 37.5;
export const PAUSE_EXPONENT = 1.18;

const MIB = 1024 * 1024;

/** About how long a snapshot of a heap with `heapUsedBytes` in use pauses the target, ms. */
export function snapshotPauseMs(heapUsedBytes: number): number {
  return Math.round(PAUSE_MS_AT_1_MIB * Math.max(1, heapUsedBytes / MIB) ** PAUSE_EXPONENT);
}

/** `about 7.6 s` for a heap of `heapUsedBytes`. */
export function snapshotPauseText(heapUsedBytes: number): string {
  return `about ${formatDurationMs(snapshotPauseMs(heapUsedBytes))}`;
}

/** `about 1.3 s at 20 MB of heap, 8.4 s at 100 MB, 32 s at 300 MB`: the scale, before a heap is known. */
export function snapshotPauseScale(): string {
  const at = (mb: number): string => formatDurationMs(snapshotPauseMs(mb * MIB));
  return `about ${at(20)} at 20 MB of heap, ${at(100)} at 100 MB, ${at(300)} at 300 MB`;
}
