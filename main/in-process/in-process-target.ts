/**
 * This process as a recording target, reached from one of its own worker threads: the main thread's
 * inspector through `node:inspector`'s `connectToMainThread`. No inspector port is opened, so there is
 * none to close and no exit status to wait for (the recorder ends with its process).
 */
import { Session } from 'node:inspector';
import type { AttachedTarget } from '../inspector/attached-target';
import { inProcessSession } from './in-process-session';

/** The main thread of this process; call from a worker thread (`connectToMainThread` throws elsewhere). */
export function mainThreadTarget(): AttachedTarget {
  const raw = new Session();
  raw.connectToMainThread();
  const session = inProcessSession(raw);
  return {
    session,
    pid: process.pid,
    nodeVersion: process.version,
    inspectorUrl: '',
    attachedBy: 'in-process',
    openedByUs: false,
    warnings: [],
    exited: session.closed.then(() => null),
    stop: () => session.close(),
  };
}
