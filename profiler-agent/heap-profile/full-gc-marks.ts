/**
 * When full GCs happen, and how many bytes V8 had allocated by then: a sample allocated before a full GC
 * and still live after it survived that GC. Node reports each GC to `PerformanceObserver`s after it ended
 * (a later turn of the loop), so the allocated count read then is a few milliseconds late: samples in that
 * gap count as judged by the GC though they were not.
 */
import type { Builtins } from '../builtins';

/** A full GC seen: ms since the epoch, and V8's `total_allocated_bytes` at that moment. */
export interface FullGcMark {
  time: number;
  allocatedBytes: number;
}

/** What is read of a `gc` performance entry: ms since `performance.timeOrigin`, and its `detail`. */
interface GcEntry {
  startTime: number;
  duration: number;
  detail?: unknown;
}

export interface FullGcMarks {
  /** How many marks `take(since)` would return now. */
  count(since: number): number;
  /**
   * The marks of GCs that ended at or after `since` (ms since the epoch: a GC before a window began is
   * reported late, in it), oldest first; the list starts anew.
   */
  take(since: number): FullGcMark[];
  stop(): void;
}

/**
 * Starts watching full GCs; `allocatedBytes` reads V8's allocated-bytes counter. Entries Node has not
 * delivered yet (a GC forced just before) are taken at once (`takeRecords`).
 */
export function watchFullGcs(builtins: Builtins, allocatedBytes: () => number): FullGcMarks {
  let marks: FullGcMark[] = [];
  const { PerformanceObserver, performance, constants } = builtins.perf_hooks;
  // `detail.kind` of a full (mark-sweep-compact) GC.
  const major = constants.NODE_PERFORMANCE_GC_MAJOR;
  const add = (entries: readonly GcEntry[]): void => {
    for (const entry of entries) {
      const kind = (entry.detail as { kind?: number } | undefined)?.kind;
      if (kind !== major) continue;
      const time = performance.timeOrigin + entry.startTime + entry.duration;
      marks.push({ time, allocatedBytes: allocatedBytes() });
    }
  };
  const observer = new PerformanceObserver((list) => add(list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  const pending = (): void => add(observer.takeRecords());
  return {
    count(since) {
      pending();
      return marks.filter((mark) => mark.time >= since).length;
    },
    take(since) {
      pending();
      const taken = marks.filter((mark) => mark.time >= since);
      marks = [];
      return taken;
    },
    stop: () => observer.disconnect(),
  };
}
