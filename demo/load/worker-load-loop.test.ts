// The bundled load worker against a real server in this process: it sends the plan's requests, reports
// its counts across the thread boundary and sends nothing once stopped.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureNodeBundles } from '../../test/support/node-bundles';
import type { LoadLoop } from './load-loop';
import { startWorkerLoadLoop } from './worker-load-loop';

const workerFile = new URL('../../out/cli/demo-load-worker.js', import.meta.url);
const cleanups: (() => Promise<void>)[] = [];

beforeAll(() => ensureNodeBundles(), 60_000);
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A server that counts the paths it is asked for; stopped after each test. */
async function countingServer(): Promise<{ url: string; paths: string[] }> {
  const paths: string[] = [];
  const server = http.createServer((request, response) => {
    paths.push(request.url ?? '');
    request.resume().once('end', () => response.end('ok'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, paths };
}

describe('startWorkerLoadLoop', () => {
  it('sends the plan from a worker thread, counts answers and stops sending when stopped', async () => {
    const { url, paths } = await countingServer();
    const loop: LoadLoop = startWorkerLoadLoop(workerFile, url, {
      requests: [
        { method: 'GET', path: '/a' },
        { method: 'POST', path: '/b', body: { n: 1 } },
      ],
      concurrency: 2,
      ratePerSecond: 40,
    });
    cleanups.push(() => loop.stop());
    for (let waited = 0; paths.length < 6 && waited < 5000; waited += 50) await sleep(50);
    expect(paths).toEqual(expect.arrayContaining(['/a', '/b']));
    const stats = await loop.stats();
    expect(stats.ok).toBeGreaterThanOrEqual(4);
    expect(stats.failed).toBe(0);

    await loop.stop();
    const sentBeforeStop = paths.length;
    await sleep(200);
    expect(paths.length).toBe(sentBeforeStop);
    await expect(loop.stats()).rejects.toThrow(/stopped/);
  });

  it('refuses a plan without a rate before starting a thread', () => {
    expect(() =>
      startWorkerLoadLoop(workerFile, 'http://127.0.0.1:1', {
        requests: [{ method: 'GET', path: '/' }],
        concurrency: 1,
        ratePerSecond: 0,
      }),
    ).toThrow(RangeError);
  });
});
