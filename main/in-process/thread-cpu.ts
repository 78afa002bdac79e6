/**
 * CPU time of the calling thread alone, so that the in-process recorder can say what it cost its host
 * (`process.cpuUsage()` counts every thread of the process). Linux's `/proc/thread-self/schedstat`
 * starts with the thread's time on a CPU in nanoseconds; elsewhere the cost is unknown.
 */
import { readFileSync } from 'node:fs';

/** CPU time the calling thread has used, ms; null where the platform does not say. */
export function threadCpuMs(): number | null {
  try {
    const ns = Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]);
    return Number.isFinite(ns) ? ns / 1e6 : null;
  } catch {
    return null;
  }
}
