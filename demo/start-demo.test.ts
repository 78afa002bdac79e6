// Each scenario against real servers in this process, measured from outside its code: latencies over
// HTTP, and this process's descriptors in /proc.
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { scenarios } from './scenarios';
import type { RunningDemo } from './start-demo';
import { startDemo } from './start-demo';
import { descriptorsOf, timedCall } from './test-support/measure';

const hasProc = existsSync('/proc/self/fd');
const running: RunningDemo[] = [];

async function demo(scenario: string, load = false): Promise<RunningDemo> {
  const started = await startDemo({ scenario, load });
  running.push(started);
  return started;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((d) => d.stop()));
});

const order = { productId: 42, quantity: 2 };

describe('startDemo', () => {
  it('rejects an unknown scenario, naming the valid ones', async () => {
    await expect(startDemo({ scenario: 'nope' })).rejects.toThrow(
      /unknown scenario "nope".*healthy.*pool-starvation/,
    );
  });

  it('rejects a port in use and a load rate of 0, leaving nothing listening', async () => {
    const d = await demo('healthy');
    const port = Number(new URL(d.url).port);
    await expect(startDemo({ scenario: 'healthy', port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    await expect(startDemo({ scenario: 'healthy', load: true, loadRatePerSecond: 0 })).rejects.toThrow(
      RangeError,
    );
    expect((await timedCall(`${d.url}/health`)).status).toBe(200);
  });

  it.each(scenarios.map((s) => [s.name, s] as const))(
    '%s answers every request of its load with 2xx',
    async (name, s) => {
      const d = await demo(name);
      expect(d.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(d.scenario).toBe(name);
      for (const request of s.load.requests) {
        const answer = await timedCall(`${d.url}${request.path}`, request.method, request.body);
        expect(answer.status, `${request.method} ${request.path}`).toBeGreaterThanOrEqual(200);
        expect(answer.status, `${request.method} ${request.path}`).toBeLessThan(300);
      }
      expect((await timedCall(`${d.url}/health`)).status).toBe(200);
    },
  );

  it('healthy: the load loop gets answers, and orders leave no socket behind', async () => {
    const d = await demo('healthy', true);
    await sleep(500); // the load's and the pool's connections open in the first requests
    const before = hasProc ? descriptorsOf('self') : undefined;
    for (let i = 0; i < 30; i++) expect((await timedCall(`${d.url}/orders`, 'POST', order)).status).toBe(201);
    await sleep(500);
    const metrics = (await timedCall(`${d.url}/metrics`)).body as { served: number; failed: number };
    expect(metrics.served).toBeGreaterThan(40);
    expect(metrics.failed).toBe(0);
    // socket-leak leaves 60 behind for these 30 orders; here only the load's own ups and downs show.
    if (before) expect(descriptorsOf('self').sockets - before.sockets).toBeLessThan(20);
  });

  it('pool-starvation: pages wait in the pool far longer than the upstream takes', async () => {
    const d = await demo('pool-starvation');
    const upstream = await timedCall(`${d.upstreamUrl}/stock/5`);
    expect(upstream.ms).toBeLessThan(600);
    const pages = await Promise.all(
      Array.from({ length: 12 }, (_, i) => timedCall(`${d.url}/products/${i + 1}/availability`)),
    );
    expect(pages.every((p) => p.status === 200)).toBe(true);
    // 12 pages × (one 200–400 ms call + two fast ones) through 2 sockets: the last waits ~1.8 s.
    expect(Math.max(...pages.map((p) => p.ms))).toBeGreaterThan(1_200);
  });

  it.skipIf(!hasProc)('socket-leak: every order leaves its audit connection open', async () => {
    const d = await demo('socket-leak');
    const before = descriptorsOf('self').sockets;
    for (let i = 0; i < 30; i++) expect((await timedCall(`${d.url}/orders`, 'POST', order)).status).toBe(201);
    const afterOrders = descriptorsOf('self').sockets;
    // Two descriptors per leaked connection: the front's end and the (in-process) upstream's.
    expect(afterOrders - before).toBeGreaterThanOrEqual(50);
    await sleep(1_000);
    expect(descriptorsOf('self').sockets).toBeGreaterThanOrEqual(afterOrders - 4);
    await d.stop();
    expect(descriptorsOf('self').sockets - before).toBeLessThan(10);
  });

  it.skipIf(!hasProc)('fd-exhaustion: every order leaves a file descriptor open', async () => {
    const d = await demo('fd-exhaustion');
    const before = descriptorsOf('self');
    for (let i = 0; i < 40; i++) expect((await timedCall(`${d.url}/orders`, 'POST', order)).status).toBe(201);
    const after = descriptorsOf('self');
    expect(after.all - after.sockets - (before.all - before.sockets)).toBeGreaterThanOrEqual(40);
    await d.stop();
    expect(descriptorsOf('self').all - before.all).toBeLessThan(10);
  });

  it('event-loop-block: a health check waits behind the reports', async () => {
    const d = await demo('event-loop-block');
    // Warm up this process's HTTP client: its first request alone can take tens of ms.
    expect((await timedCall(`${d.url}/health`)).ms).toBeLessThan(1_000);
    expect((await timedCall(`${d.url}/health`)).ms).toBeLessThan(50);
    const reports = Promise.all([1, 2].map(() => timedCall(`${d.url}/reports/sales`)));
    let reportsDone = false;
    void reports.finally(() => (reportsDone = true));
    const healthMs: number[] = [];
    while (!reportsDone) healthMs.push((await timedCall(`${d.url}/health`)).ms);
    const answers = await reports;
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(answers[0]!.body).toMatchObject({ orders: 500 });
    // Each report holds the loop ~200 ms; answering /health itself takes about a millisecond.
    expect(Math.max(...healthMs)).toBeGreaterThanOrEqual(100);
  });
});
