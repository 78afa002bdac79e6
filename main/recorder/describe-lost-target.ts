/** When the inspector connection closes under a recording: did the target exit, or only the connection? */
import { readFileSync } from 'node:fs';
import type { EndRecord } from '../../core/session/records';
import type { AttachedTarget } from '../inspector/attached-target';

/**
 * How long to wait for a target's exit after its inspector went away, ms: a launched child's exit status,
 * or a process by pid leaving the process table. A killed process closes its sockets before it is a
 * zombie; on a loaded machine a cluster worker killed by SIGKILL was still running its exit when the
 * connection's close was seen, and was taken for a lost connection.
 */
const EXIT_GRACE_MS = 1500;
/** How often a process by pid is looked at during the grace, ms. */
const EXIT_POLL_MS = 25;

export async function describeLostTarget(
  target: AttachedTarget,
): Promise<{ reason: EndRecord['reason']; message: string }> {
  const exited = `the target (pid ${target.pid}) exited`;
  if (target.thread) {
    const thread = `thread ${target.thread.threadId} of pid ${target.pid}`;
    if (target.thread.ended()) return { reason: 'target-exited', message: `${thread} exited` };
    if (await goneWithinGrace(target.pid)) return { reason: 'target-exited', message: exited };
    return {
      reason: 'connection-lost',
      message: `the connection of ${thread} was closed with its process's`,
    };
  }
  if (target.attachedBy === 'launch') {
    // A launched child is ours: its exit status says what happened (a zombie still answers kill(pid, 0)).
    const status = await Promise.race([
      target.exited,
      new Promise<null>((resolve) => setTimeout(() => resolve(null), EXIT_GRACE_MS).unref()),
    ]);
    if (status) {
      const how = status.signal ? `killed by ${status.signal}` : `exit code ${status.code}`;
      return { reason: 'target-exited', message: `${exited} (${how})` };
    }
  } else if (target.attachedBy === 'pid' && (await goneWithinGrace(target.pid))) {
    return { reason: 'target-exited', message: exited };
  }
  return { reason: 'connection-lost', message: 'the inspector connection was closed' };
}

/** Whether `pid` is gone now or within {@link EXIT_GRACE_MS}. */
async function goneWithinGrace(pid: number): Promise<boolean> {
  for (const deadline = Date.now() + EXIT_GRACE_MS; isAlive(pid);) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, EXIT_POLL_MS));
  }
  return true;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A process that exited but whose parent has not reaped it yet (a killed cluster worker, for a few ms)
  // still answers kill(pid, 0): its state in /proc says zombie.
  return !/^\S+ \(.*\) [ZX] /s.test(readStat(pid));
}

function readStat(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return '';
  }
}
