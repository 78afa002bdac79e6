/**
 * A worker thread as an {@link AttachedTarget}, so that `startRecording` records it as it records a
 * process: same pid, Node version and way of attaching as its process; its session is the thread's
 * (`worker-session.ts`); stopping it detaches that thread only, and never closes the process's inspector.
 */
import type { AttachedTarget } from '../inspector/attached-target';
import type { AttachedWorker } from './process-workers';

/** `threadId`: the worker's own (`thread-id-of.ts`). */
export function workerThreadTarget(
  process: AttachedTarget,
  worker: AttachedWorker,
  threadId: number,
): AttachedTarget {
  const { session } = worker;
  return {
    session,
    pid: process.pid,
    nodeVersion: process.nodeVersion,
    inspectorUrl: process.inspectorUrl,
    attachedBy: process.attachedBy,
    // The process's inspector is the process target's to close; a thread has none of its own.
    openedByUs: false,
    warnings: [],
    exited: session.closed.then(() => null),
    thread: { threadId, ended: () => session.threadEnded() },
    stop: () => session.close(),
  };
}
