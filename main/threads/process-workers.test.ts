// The NodeWorker plumbing against a real process: which threads are reported, that new ones are not
// paused, one typed session per thread, how each session ends, and that `stop` leaves the threads running.
import { afterEach, describe, expect, it } from 'vitest';
import { killNodeTargets, startNodeTarget } from '../../test/support/node-target';
import { waitFor } from '../../test/support/wait-for';
import { attachByPid } from '../inspector/attach-pid';
import type { AttachedTarget } from '../inspector/attached-target';
import { InspectorCommandError } from '../inspector/inspector-session';
import type { AttachedWorker } from './process-workers';
import { attachToWorkers } from './process-workers';
import { threadIdOf } from './thread-id-of';

// Thread 1 starts thread 2 (nested); `spawn(ms)` starts one that says hello at once and exits after ms.
const SCRIPT = `
const { Worker, isMainThread, parentPort, workerData } = require('node:worker_threads');
if (isMainThread) {
  globalThis.hellos = [];
  globalThis.spawn = (ms) => {
    const w = new Worker(__filename, { workerData: { ms } });
    w.on('message', (m) => hellos.push(m));
    return w.threadId;
  };
  new Worker(__filename, { workerData: { nest: true } });
  setInterval(() => {}, 1000);
  setTimeout(() => console.log('ready'), 300);
} else if (workerData.nest) {
  new Worker(__filename, { workerData: {} });
  setInterval(() => {}, 1000);
} else if (workerData.ms) {
  parentPort.postMessage('hello from ' + require('node:worker_threads').threadId);
  setTimeout(() => process.exit(0), workerData.ms);
} else setInterval(() => {}, 1000);
`;

afterEach(killNodeTargets);

async function evaluate(target: AttachedTarget, expression: string): Promise<unknown> {
  const reply = await target.session.send('Runtime.evaluate', { expression, returnByValue: true });
  return reply.result.value;
}

describe('attachToWorkers', () => {
  it('attaches to running and nested threads and to new ones, unpaused; each session ends as its thread does', async () => {
    const target = await attachByPid((await startNodeTarget(SCRIPT)).pid);
    const attached = new Map<number, AttachedWorker>();
    const workers = await attachToWorkers(
      target.session,
      (w) => void threadIdOf(w.session).then((threadId) => attached.set(threadId, w)),
    );
    try {
      await waitFor(
        () => attached.size === 2,
        20_000,
        () => `attached to ${[...attached.keys()]}`,
      );
      const first = attached.get(1)!;
      expect(first.info.url).toMatch(/^file:.*target\.cjs$/);
      expect(attached.get(2)?.info.url).toBe(first.info.url);

      // Typed commands run in the thread, with the command-line API's `require`.
      const reply = await first.session.send('Runtime.evaluate', {
        expression: `require('node:worker_threads').isMainThread`,
        includeCommandLineAPI: true,
        returnByValue: true,
      });
      expect(reply.result.value).toBe(false);
      // Non-ASCII text reaches the thread (Node 20 drops a message holding `é` unless it is escaped).
      const text = await first.session.send('Runtime.evaluate', { expression: `'é→'`, returnByValue: true });
      expect(text.result.value).toBe('é→');
      // Node's workerId is not the threadId: the nested thread 2 may be reported first.
      expect(first.info.title).toMatch(/^\[worker 1\]/);
      expect(attached.get(2)?.info.title).toMatch(/^\[worker 2\]/);
      const refused = first.session.send('Runtime.getProperties', { objectId: 'nonsense' });
      await expect(refused).rejects.toBeInstanceOf(InspectorCommandError);
      await expect(refused).rejects.toMatchObject({ connectionLost: false });
      const events: string[] = [];
      first.session.on('Runtime.consoleAPICalled', (event) => events.push(String(event.args[0]?.value)));
      await first.session.send('Runtime.enable');
      await first.session.send('Runtime.evaluate', { expression: `console.log('from thread 1')` });
      await waitFor(
        () => events.includes('from thread 1'),
        5_000,
        () => `events: ${events}`,
      );

      // A thread started now is reported and runs at once; when it exits, its session ends with it.
      const shortId = (await evaluate(target, 'spawn(800)')) as number;
      await waitFor(
        () => attached.has(shortId),
        20_000,
        () => `no thread ${shortId}`,
      );
      const hellos = async (): Promise<unknown> => evaluate(target, 'hellos.join()');
      await expect.poll(hellos).toBe(`hello from ${shortId}`);
      const short = attached.get(shortId)!;
      expect(await short.session.closed).toBe('disconnected');
      expect(short.session.threadEnded()).toBe(true);
      await expect(short.session.send('Runtime.evaluate', { expression: '1' })).rejects.toMatchObject({
        connectionLost: true,
      });

      // Closing one session detaches that thread only; the thread runs on.
      await first.session.close();
      expect(await first.session.closed).toBe('closed-by-us');
      expect(first.session.threadEnded()).toBe(false);
      expect(attached.get(2)?.session.isOpen()).toBe(true);
    } finally {
      await workers.stop();
    }
    // After stop: a new thread runs, and is not attached (Node reports a thread before it runs).
    const count = attached.size;
    const laterId = (await evaluate(target, 'spawn(60_000)')) as number;
    await expect.poll(() => evaluate(target, 'hellos.join()')).toMatch(`hello from ${laterId}`);
    expect(attached.size).toBe(count);
    expect(attached.get(2)?.session.isOpen()).toBe(false);
    await target.stop();
  });

  it("ends every thread's session when the process's session closes", async () => {
    const target = await attachByPid((await startNodeTarget(SCRIPT)).pid);
    const attached: AttachedWorker[] = [];
    await attachToWorkers(target.session, (w) => attached.push(w));
    await waitFor(
      () => attached.length === 2,
      20_000,
      () => `attached to ${attached.length}`,
    );
    await target.session.close();
    for (const worker of attached) {
      expect(await worker.session.closed).toBe('disconnected');
      expect(worker.session.threadEnded()).toBe(false);
    }
    await target.stop();
  });
});
