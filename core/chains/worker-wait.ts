/**
 * The `worker` wait: a link waiting on a reply over `postMessage` — from a worker thread, a bare
 * `MessagePort` or a `BroadcastChannel`. One place for the detail's wording, which the agent writes and
 * the findings read: a chain waiting on a live worker is a backlog on that thread, not a promise nobody
 * will resolve; one waiting on a worker that exited is.
 */
import type { WaitReason } from './promise-section';

const EXITED = ', exited';

/** What the agent knows of the worker thread a link waits on. */
export interface WorkerThreadFacts {
  /** `worker_threads` threadId; -1 when it had exited before the message was sent. */
  threadId: number;
  /** File name of the script it runs (`resize.js`); absent when unknown or made with `eval`. */
  script?: string;
  /** The name given with `new Worker(…, {name})`, when one was. */
  name?: string;
  /** The thread has ended: nothing will reply any more. */
  exited: boolean;
}

/** `worker thread 3 (resize.js)`, `worker thread 3 "resizer" (resize.js)`, `worker thread 3, exited`. */
export function workerThreadDetail(worker: WorkerThreadFacts): string {
  const name = worker.name ? ` "${worker.name}"` : '';
  const script = worker.script ? ` (${worker.script})` : '';
  const id = worker.threadId >= 0 ? worker.threadId : '?';
  return `worker thread ${id}${name}${script}${worker.exited ? EXITED : ''}`;
}

/** True for a `worker` wait whose peer may still reply (a live worker, a port, a channel). */
export function waitsOnLiveWorker(reason: WaitReason): boolean {
  return reason.kind === 'worker' && !(reason.detail ?? '').endsWith(EXITED);
}
