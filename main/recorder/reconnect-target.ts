/**
 * One more connection to a target whose inspector connection dropped while the process kept running
 * (a proxy or tunnel cut, the target closed its inspector, a network blip).
 */
import { attachByPid } from '../inspector/attach-pid';
import type { AttachedTarget } from '../inspector/attached-target';
import type { InspectorSession } from '../inspector/inspector-session';
import { openVerifiedSession } from '../inspector/open-verified-session';

export interface Reconnection {
  readonly session: InspectorSession;
  /** True when reconnecting had to open the target's inspector again (by PID): close it when done. */
  readonly openedInspector: boolean;
}

/**
 * By PID the inspector is found again from scratch (and reopened if the target closed it); by URL or
 * after a launch, the same WebSocket URL is tried. The session is checked to be the same process.
 */
export async function reconnectTarget(target: AttachedTarget): Promise<Reconnection> {
  // By PID or URL it would reach the process's main thread, not this thread.
  if (target.thread) throw new Error('a worker thread is reached only through its process');
  if (target.attachedBy === 'pid') {
    const again = await attachByPid(target.pid);
    return { session: again.session, openedInspector: again.openedByUs };
  }
  const verified = await openVerifiedSession(target.inspectorUrl, [target.pid]);
  return { session: verified.session, openedInspector: false };
}
