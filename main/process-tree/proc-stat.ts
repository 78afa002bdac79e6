/**
 * The parent of a process, from Linux's `/proc/PID/stat`. Its second field is the command name in
 * parentheses, which may itself hold spaces and parentheses (PM2's daemon is `(PM2 v7.0.4: God)`), so
 * the fields are counted from the last `)`.
 */
import { readFile } from 'node:fs/promises';

/** The parent pid in a `/proc/PID/stat` line, or null when the line is not one. */
export function parsePpidOfStat(stat: string): number | null {
  const close = stat.lastIndexOf(')');
  if (close === -1) return null;
  // After the name: state, ppid, pgrp, …
  const ppid = Number(
    stat
      .slice(close + 1)
      .trim()
      .split(/\s+/)[1],
  );
  return Number.isSafeInteger(ppid) && ppid >= 0 ? ppid : null;
}

/** The parent pid of `pid`; null when the process is gone or unreadable. */
export async function readPpid(pid: number): Promise<number | null> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  return stat === null ? null : parsePpidOfStat(stat);
}
