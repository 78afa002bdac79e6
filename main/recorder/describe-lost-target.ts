/** When the inspector connection closes under a recording: did the target exit, or only the connection? */
import type { AttachedTarget } from '../inspector/attached-target';
import type { EndRecord } from '../../core/session/records';

export async function describeLostTarget(
  target: AttachedTarget,
): Promise<{ reason: EndRecord['reason']; message: string }> {
  if (target.attachedBy !== 'url' && !isAlive(target.pid)) {
    return { reason: 'target-exited', message: `the target (pid ${target.pid}) exited` };
  }
  return { reason: 'connection-lost', message: 'the inspector connection was closed' };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
