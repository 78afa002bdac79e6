/**
 * The worker threads of one process, attached through its main-thread session's `NodeWorker` domain:
 * one {@link WorkerSession} per thread, each message from a worker routed to its session, each session
 * ended when its thread ends or the process's session closes.
 */
import type { InspectorSession } from '../inspector/inspector-session';
import type { WorkerInfo } from './node-worker-protocol';
import { nodeWorkerDomain } from './node-worker-protocol';
import type { WorkerSession } from './worker-session';
import { createWorkerSession } from './worker-session';

/** A worker thread Node attached us to. */
export interface AttachedWorker {
  readonly session: WorkerSession;
  /** What Node says of it; its `workerId` is not its threadId (`thread-id-of.ts`). */
  readonly info: WorkerInfo;
}

export interface ProcessWorkers {
  /**
   * Attaches to no new worker and detaches from every worker still attached (`NodeWorker.disable`), so
   * the process is left as it was. Close the sessions being recorded first: their recordings end cleanly.
   */
  stop(): Promise<void>;
}

/**
 * Enables `NodeWorker` on `session` and calls `onAttached` for every worker thread running now (Node
 * reports them just after the reply) and every one that starts later. New workers are not paused
 * (`waitForDebuggerOnStart: false`): a worker starting while we record starts as it would without us.
 */
export async function attachToWorkers(
  session: InspectorSession,
  onAttached: (worker: AttachedWorker) => void,
): Promise<ProcessWorkers> {
  const domain = nodeWorkerDomain(session);
  const sessions = new Map<string, WorkerSession>();
  const endAll = (): void => {
    for (const worker of sessions.values()) worker.end('process-session-closed');
    sessions.clear();
  };
  const unsubscribe = [
    domain.on('NodeWorker.receivedMessageFromWorker', ({ sessionId, message }) =>
      sessions.get(sessionId)?.receive(message),
    ),
    domain.on('NodeWorker.detachedFromWorker', ({ sessionId }) => {
      sessions.get(sessionId)?.end('thread-ended');
      sessions.delete(sessionId);
    }),
    domain.on('NodeWorker.attachedToWorker', ({ sessionId, workerInfo }) => {
      const worker = createWorkerSession(domain, sessionId, session.url);
      sessions.set(sessionId, worker);
      // A session we close is detached by us: Node says nothing more about it.
      void worker.closed.then(() => sessions.delete(sessionId));
      onAttached({ session: worker, info: workerInfo });
    }),
  ];
  void session.closed.then(endAll);
  try {
    await domain.send('NodeWorker.enable', { waitForDebuggerOnStart: false });
  } catch (error) {
    for (const off of unsubscribe) off();
    throw error;
  }
  let stopped: Promise<void> | null = null;
  return {
    stop() {
      stopped ??= (async () => {
        for (const off of unsubscribe.slice(2)) off();
        await Promise.all([...sessions.values()].map((worker) => worker.close()));
        if (session.isOpen()) await domain.send('NodeWorker.disable', {}).catch(() => undefined);
        for (const off of unsubscribe.slice(0, 2)) off();
      })();
      return stopped;
    },
  };
}
