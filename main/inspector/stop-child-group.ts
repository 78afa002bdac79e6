/**
 * Stops a launched child and everything it started (it runs in its own process group): SIGTERM first,
 * SIGKILL to whatever of the group is left after a grace period.
 */
import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TargetExit } from './attached-target';

const POLL_MS = 25;

/** Resolves once the child has exited; `graceMs` is milliseconds between SIGTERM and SIGKILL. */
export async function stopChildGroup(
  child: ChildProcess,
  exited: Promise<TargetExit>,
  graceMs: number,
): Promise<void> {
  const pid = child.pid;
  if (!pid) return; // It never started.
  signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && groupAlive(pid)) await sleep(POLL_MS);
  if (groupAlive(pid)) signalGroup(pid, 'SIGKILL');
  await exited;
}

/** Sends `signal` to the process group led by `pid`; a group already gone is not an error. */
export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: nothing left in the group.
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}
