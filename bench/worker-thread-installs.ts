/**
 * How long installing the agent takes in a worker thread against the main thread of the same process
 * (`injectAgent` over the thread's `NodeWorker` session vs over the process's own), with the service
 * idle and saturated. Each repetition a fresh target; medians, ms.
 */
import autocannon from 'autocannon';
import { median } from './bench';
import { startTarget } from './target-run';
import { injectAgent } from '../main/agent/agent-client';
import { loadAgentBundle } from '../main/agent/agent-bundle';
import { attachByPid } from '../main/inspector/attach-pid';
import type { InspectorSession } from '../main/inspector/inspector-session';
import type { AttachedWorker } from '../main/threads/process-workers';
import { attachToWorkers } from '../main/threads/process-workers';
import { waitFor } from '../test/support/wait-for';

const REPETITIONS = 5;

export interface InstallTimes {
  idle: { main: number; thread: number };
  loaded: { main: number; thread: number };
}

export async function measureInstalls(script: string): Promise<InstallTimes> {
  await loadAgentBundle(); // read once, outside the timings
  const out: InstallTimes = { idle: { main: 0, thread: 0 }, loaded: { main: 0, thread: 0 } };
  for (const state of ['idle', 'loaded'] as const) {
    const main: number[] = [];
    const thread: number[] = [];
    for (let i = 0; i < REPETITIONS; i++) {
      const times = await installOnce(script, state === 'loaded');
      main.push(times.main);
      thread.push(times.thread);
    }
    out[state] = { main: median(main), thread: median(thread) };
  }
  return out;
}

async function installOnce(script: string, loaded: boolean): Promise<{ main: number; thread: number }> {
  const service = await startTarget(script, { NODE_OPTIONS: '--inspect-port=127.0.0.1:0' }, null);
  const process = await attachByPid(service.pid);
  const load = loaded ? autocannon({ url: service.url, connections: 32, duration: 30 }) : null;
  try {
    if (load) await new Promise((resolve) => setTimeout(resolve, 1000));
    const main = await timeInstall(process.session);
    let first: AttachedWorker | undefined;
    const workers = await attachToWorkers(process.session, (w) => (first ??= w));
    await waitFor(
      () => first !== undefined,
      5_000,
      () => 'no worker thread attached',
    );
    const thread = await timeInstall(first!.session);
    await workers.stop();
    return { main, thread };
  } finally {
    await process.stop();
    load?.stop();
    await load?.catch(() => undefined);
    service.stop();
  }
}

/** Installs the agent behind `session` and removes it again; how long the install took, ms. */
async function timeInstall(session: InspectorSession): Promise<number> {
  const started = performance.now();
  const agent = await injectAgent(session);
  const ms = performance.now() - started;
  await agent.detach();
  return ms;
}
