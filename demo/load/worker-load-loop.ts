/**
 * The demo's built-in load in a worker thread (`load-worker.ts`), behind the same {@link LoadLoop} as the
 * in-process loop: so a recording of the demo shows the service's work, not the load generator's.
 */
import { Worker } from 'node:worker_threads';
import type { LoadPlan } from '../scenario';
import type { LoadLoop, LoadStats } from './load-loop';
import { checkLoadPlan } from './load-loop';
import type { LoadWorkerData } from './load-worker';

/** The load thread's `worker_threads` name: the demo's simulated clients, not the service. */
export const DEMO_LOAD_THREAD_NAME = 'hyperscope-demo-load';

/**
 * Starts `workerFile` (the bundled `load-worker.ts`) sending `plan` to `frontUrl`; throws like
 * `checkLoadPlan`. The worker is not unref'd: `stop()` ends it, and until then it is the demo's load.
 */
export function startWorkerLoadLoop(workerFile: URL, frontUrl: string, plan: LoadPlan): LoadLoop {
  checkLoadPlan(plan);
  const data: LoadWorkerData = { frontUrl, plan };
  // Named so that a recording of the demo leaves its load out of the service's threads (`main/threads/`).
  const worker = new Worker(workerFile, { workerData: data, name: DEMO_LOAD_THREAD_NAME });
  // Stats answers come back in the order asked; 'stopped' (or the worker's exit) ends the conversation.
  // Callbacks rather than promises held for the demo's lifetime: those would show in its promise chains.
  const waitingForStats: { resolve(stats: LoadStats): void; reject(error: Error): void }[] = [];
  let ended = false;
  let onEnd: (() => void) | undefined;
  const end = (): void => {
    ended = true;
    onEnd?.();
  };
  worker.on('message', (message: LoadStats | 'stopped') => {
    if (message === 'stopped') end();
    else waitingForStats.shift()?.resolve(message);
  });
  worker.once('exit', () => {
    for (const waiting of waitingForStats.splice(0)) waiting.reject(new Error('the load worker exited'));
    end();
  });
  // A failing worker (it should not: the loop catches request errors) must not crash the service.
  worker.on('error', (error) =>
    process.stderr.write(`hyperscope demo: load worker failed: ${error.message}\n`),
  );
  let stopping: Promise<void> | undefined;
  return {
    stats: () =>
      new Promise((resolve, reject) => {
        if (stopping ?? ended) return reject(new Error('the load loop is stopped'));
        waitingForStats.push({ resolve, reject });
        worker.postMessage('stats');
      }),
    stop: () =>
      (stopping ??= new Promise<void>((resolve) => {
        // A worker that died already never answers: its exit is the end too.
        if (ended) return resolve();
        onEnd = resolve;
        worker.postMessage('stop');
      }).then(async () => {
        await worker.terminate();
      })),
  };
}
