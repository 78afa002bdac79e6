/** The undici collector inside a real Node process: an app Pool at its limit, and the global fetch dispatcher. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UndiciSection } from '../../core/network/undici-section';
import { bundleCollectors, runTarget } from './collector-process';

// fetch runs first, so the global dispatcher is Node's bundled undici; then an npm undici Pool with
// 2 connections gets 10 concurrent requests twice (the second wave after the collector has seen the copy).
const TARGET = `
const { createUndiciCollector, startCollectors } = require(process.env.HS_BUNDLE);
const http = require('node:http');
const collector = createUndiciCollector();
startCollectors([collector], require);
const print = (label, value) => console.log(JSON.stringify({ label, value }));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const upstream = http.createServer((req, res) => setTimeout(() => res.end('ok'), 300));
function wave(pool) {
  return Array.from({ length: 10 }, () => pool.request({ path: '/', method: 'GET' }).then((r) => r.body.text()));
}
upstream.listen(0, '127.0.0.1', async () => {
  const origin = 'http://127.0.0.1:' + upstream.address().port;
  const fetches = Promise.all([1, 2, 3].map(() => fetch(origin + '/f').then((r) => r.text())));
  await sleep(100);
  print('fetching', collector.collect(Date.now()));
  await fetches;
  const bundledBase = Object.getPrototypeOf(Object.getPrototypeOf(globalThis[Symbol.for('undici.globalDispatcher.1')]));
  const undici = require(process.cwd() + '/node_modules/undici');
  const npmBase = require(process.cwd() + '/node_modules/undici/lib/dispatcher/dispatcher-base').prototype;
  const npmOriginal = npmBase.dispatch;
  const pool = new undici.Pool(origin, { connections: 2 });
  const first = wave(pool);
  await sleep(100);
  const second = wave(pool);
  await sleep(50);
  print('starved', collector.collect(Date.now()));
  await Promise.all([...first, ...second]);
  collector.stop();
  // The bundled copy was patched before this script could read its original: check it is undici's code again.
  const bundledRestored = !Function.prototype.toString.call(bundledBase.dispatch).includes('observe(');
  print('stopped', [bundledRestored, npmBase.dispatch === npmOriginal]);
  await pool.close();
  upstream.close();
});
`;

type Printed = { label: string; value: unknown };

describe('undici collector in a real process', () => {
  let bundle: Awaited<ReturnType<typeof bundleCollectors>>;
  let printed: Printed[];

  beforeAll(async () => {
    bundle = await bundleCollectors();
    const { lines, stderr } = await runTarget(bundle.dir, 'undici-target.cjs', TARGET, {
      env: { HS_BUNDLE: `${bundle.dir}/collectors.cjs` },
    });
    printed = lines as Printed[];
    if (printed.length < 3) throw new Error(`target failed: ${stderr}`);
  });
  afterAll(() => bundle?.cleanup());
  const value = (label: string) => printed.find((p) => p.label === label)!.value as UndiciSection;

  it('observes the global dispatcher behind fetch, per origin', () => {
    const section = value('fetching');
    const global = section.pools.find((pool) => pool.poolId.endsWith('(global)'))!;
    expect(global).toMatchObject({ kind: 'undici', inUse: 3, idle: 0, queued: 0, maxSockets: null });
    expect(global.origin).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(section.totals.requests).toBe(3);
  });

  it('shows an app Pool with connections: 2 at its limit with requests queued', () => {
    const section = value('starved');
    const index = section.pools.findIndex((pool) => pool.poolId.startsWith('undici.Pool#'));
    const pool = section.pools[index]!;
    expect(pool).toMatchObject({ kind: 'undici', inUse: 2, maxSockets: 2, keepAlive: true });
    expect(pool.queued).toBeGreaterThanOrEqual(8);
    expect(section.stats[index]).toMatchObject({ connected: 2, free: 0, running: 2 });
    expect(section.stats[index]!.queued).toBeGreaterThan(0);
    // The pool's clients are reported through the pool, not as pools of their own.
    expect(section.pools.filter((p) => p.poolId.startsWith('undici.Client#'))).toEqual([]);
    expect(pool.createdAt?.[0]?.url).toContain('undici-target.cjs');
    expect(pool.createdAt?.some((frame) => frame.functionName === 'wave')).toBe(true);
  });

  it('restores dispatch on both undici copies when stopped', () => {
    expect(printed.find((p) => p.label === 'stopped')!.value).toEqual([true, true]);
  });
});
