/**
 * Worker-thread entry of the demo's built-in load (bundled to `out/cli/demo-load-worker.js`). Run here,
 * the load's promises, sockets, allocations and CPU live in another isolate: promise hooks, active
 * resources, the agent's http.Agent registry and the CPU profile of the main thread never see them, and
 * the load keeps going while a scenario blocks the main thread's event loop.
 *
 * Protocol: `workerData` is {@link LoadWorkerData}; `'stats'` is answered with {@link LoadStats}, `'stop'`
 * with `'stopped'` once every client has returned.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { LoadPlan } from '../scenario';
import { startLoadLoop } from './load-loop';

/** What the worker starts with; a plan is plain data, so it crosses the thread boundary as a clone. */
export interface LoadWorkerData {
  /** The front service, `http://127.0.0.1:PORT`. */
  frontUrl: string;
  plan: LoadPlan;
}

const port = parentPort;
if (port) {
  const { frontUrl, plan } = workerData as LoadWorkerData;
  const loop = startLoadLoop(frontUrl, plan);
  port.on('message', (message: unknown) => {
    if (message === 'stats') {
      void loop.stats().then((stats) => port.postMessage(stats));
    } else if (message === 'stop') {
      void loop.stop().then(() => port.postMessage('stopped'));
    }
  });
}
