/** The name a session file gets when the user names none: `hyperscope-<pid>-<YYYYMMDD-HHMMSS>.hyperscope`. */
import { existsSync } from 'node:fs';

/** `20261207-153012` for `at` (UTC): the time part of the files Hyperscope names. */
export function fileTimeStamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/** `hyperscope-4242-20261207-153012.hyperscope` for pid 4242 at `at` (UTC). */
export function defaultSessionFileName(pid: number, at = new Date()): string {
  return `hyperscope-${pid}-${fileTimeStamp(at)}.hyperscope`;
}

/** `path` if nothing is there, else the first of `NAME-2.hyperscope`, `NAME-3.hyperscope`… that is free. */
export function freeSessionPath(path: string): string {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? path : path.replace(/(\.hyperscope)?$/, `-${n}$1`);
    if (!existsSync(candidate)) return candidate;
  }
}
