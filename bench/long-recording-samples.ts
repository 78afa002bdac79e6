/**
 * What the long-recording bench (`long-recording.ts`) samples once a minute, and how it summarises it:
 * resident memory from `/proc/PID/status`, the recorder's V8 heap as a preload in it logs it (the
 * recorder is a separate `hyperscope record` process, so nothing else can read its heap cheaply), the
 * session file's size, the target's CPU time. "Flat" compares medians of quarters of the recording.
 */
import { readFileSync, statSync } from 'node:fs';
import { median } from './bench';

const MIB = 2 ** 20;

export interface Sample {
  /** Seconds since the recorder was started. */
  atS: number;
  /** The recorder's resident set (VmRSS), MiB. */
  recorderRssMiB: number;
  /** The recorder's V8 heap in use (`heapUsed`) as last logged, MiB; null before its first log. */
  recorderHeapMiB: number | null;
  /** The target's resident set (VmRSS), MiB. */
  targetRssMiB: number;
  /** The session file's size, MiB. */
  fileMiB: number;
  /** The target's CPU time so far (user + system, all threads), s. */
  targetCpuS: number;
}

/**
 * A preload (`node --require`) for the recorder: appends `process.memoryUsage()` as one JSON line to
 * `$HS_BENCH_MEMLOG` every 10 s, from the main thread only, on an unref'd timer so it never keeps the
 * recorder alive. Reading it costs the recorder a syscall every 10 s.
 */
export const MEMLOG_PRELOAD = `const { isMainThread } = require('node:worker_threads');
const file = process.env.HS_BENCH_MEMLOG;
if (file && isMainThread) {
  const log = () => require('node:fs').appendFileSync(file, JSON.stringify(process.memoryUsage()) + '\\n');
  setInterval(log, 10_000).unref();
}
`;

/** A field of `/proc/PID/status` in KiB (VmRSS: now; VmHWM: the peak so far), as MiB. */
export function statusMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]) / 1024;
}

// Linux reports utime/stime in clock ticks of 1/100 s (USER_HZ) on every architecture Node runs on.
const TICK_S = 0.01;

/** CPU time a process has used so far (user + system), s. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces), which ends at the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_S;
}

/** The last `heapUsed` the preload logged, MiB; null when it has logged nothing yet. */
export function lastLoggedHeapMiB(memlog: string): number | null {
  let text = '';
  try {
    text = readFileSync(memlog, 'utf8');
  } catch {
    return null; // not written yet
  }
  const last = text.trimEnd().split('\n').at(-1);
  return last ? (JSON.parse(last) as NodeJS.MemoryUsage).heapUsed / MIB : null;
}

/** A file's size, MiB; 0 before it exists. */
export function fileMiB(path: string): number {
  return (statSync(path, { throwIfNoEntry: false })?.size ?? 0) / MIB;
}

/** The samples taken in quarter `q` (1–4) of a `durationS` recording; the last also holds any taken as it stopped. */
export function inQuarter(samples: Sample[], durationS: number, q: 1 | 2 | 3 | 4): Sample[] {
  const from = ((q - 1) * durationS) / 4;
  const to = (q * durationS) / 4;
  return samples.filter((s) => s.atS >= from && (q === 4 || s.atS < to));
}

/** The median of `pick` over quarter `q`'s samples (NaN when it has none with a value). */
export function quarterMedian(
  samples: Sample[],
  durationS: number,
  q: 1 | 2 | 3 | 4,
  pick: (sample: Sample) => number | null,
): number {
  const values = inQuarter(samples, durationS, q)
    .map(pick)
    .filter((v): v is number => v !== null);
  return values.length > 0 ? median(values) : NaN;
}

/** How fast `pick` grew over quarter `q`, per hour: its first and last sample there (NaN with fewer than 2). */
export function quarterRatePerHour(
  samples: Sample[],
  durationS: number,
  q: 1 | 2 | 3 | 4,
  pick: (sample: Sample) => number,
): number {
  const quarter = inQuarter(samples, durationS, q);
  if (quarter.length < 2) return NaN;
  const first = quarter[0]!;
  const last = quarter.at(-1)!;
  return ((pick(last) - pick(first)) / (last.atS - first.atS)) * 3600;
}
