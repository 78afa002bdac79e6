/**
 * Overhead of the promise-chain collector on a promise-heavy HTTP service (parse, a few awaited calls,
 * an upstream call over a keep-alive pool, a Promise.all, JSON out; ~25 promises a request), driven by
 * autocannon on 127.0.0.1: without the collector, with it at its defaults, and "every promise, every
 * stack" (hooks always on, a stack for every link) to show what the sampling saves. Alternating, a fresh
 * target per run, median of the rounds. Target and load pinned to different cores when `taskset` exists.
 * Also: the heap the collector adds with 1,000,000 never-settling promises.
 */
import autocannon from 'autocannon';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { harnessBundle, runTarget } from '../test/promise-chains/run-target';
import type { Bench, BenchFigure } from './bench';

const ROUNDS = Number(process.env.HS_BENCH_ROUNDS ?? 3);
const DURATION_S = 5;
const CONNECTIONS = 32;
const TASKSET = '/usr/bin/taskset';

const MODES = {
  defaults: {},
  /** Hooks always on (no duty cycle), stacks still budgeted: what the time sampling saves. */
  'always-on': { overheadBudget: 1e9 },
  exhaustive: { exhaustive: true, stacksPerSecond: 1e9 },
} as const;

const TARGET = `
const http = require('node:http');
if (process.env.HS_MODE !== 'off') {
  const harness = require(process.env.HARNESS).startCollector(JSON.parse(process.env.HS_OPTIONS));
  setInterval(() => JSON.stringify(harness.collect()), 1000).unref();
}
const upstream = http.createServer((req, res) => res.end('{"price":42,"stock":7}'));
upstream.keepAliveTimeout = 60_000;
upstream.listen(0, '127.0.0.1', () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const port = upstream.address().port;
  const callUpstream = (id) => new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: '/item/' + id, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve(JSON.parse(body)));
    }).on('error', reject);
  });
  const users = new Map();
  async function validate(query) { await null; if (!query.get('id')) throw new Error('id'); return query.get('id'); }
  async function loadUser(id) { await Promise.resolve(); if (!users.has(id)) users.set(id, { id, name: 'user' + id }); return users.get(id); }
  async function enrich(user, field) { const value = await Promise.resolve(user[field]); return { [field]: value }; }
  async function handle(req) {
    const url = new URL(req.url, 'http://x');
    const id = await validate(url.searchParams);
    const user = await loadUser(id);
    const item = await callUpstream(id);
    const parts = await Promise.all([enrich(user, 'id'), enrich(user, 'name')]);
    return JSON.stringify({ user: Object.assign({}, ...parts), item });
  }
  const front = http.createServer((req, res) => {
    handle(req).then((body) => res.end(body), () => { res.statusCode = 500; res.end(); });
  });
  front.listen(0, '127.0.0.1', () => console.log(front.address().port));
});
`;

async function throughput(dir: string, mode: string, options: object): Promise<number> {
  const pin = existsSync(TASKSET) ? [TASKSET, '-c', '0'] : [];
  const [command, ...args] = [...pin, process.execPath, join(dir, 'target.cjs')];
  const child = spawn(command!, args, {
    env: {
      ...process.env,
      HARNESS: await harnessBundle(),
      HS_MODE: mode,
      HS_OPTIONS: JSON.stringify(options),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
      child.once('exit', () => reject(new Error('bench target exited')));
    });
    const url = `http://127.0.0.1:${port}/?id=7`;
    await autocannon({ url, connections: CONNECTIONS, duration: 1 }); // warm-up
    const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S });
    if (result.non2xx > 0 || result.errors > 0)
      throw new Error(`bench target failed: ${result.non2xx} non-2xx`);
    return result.requests.average;
  } finally {
    child.kill();
  }
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[values.length >> 1]!;
}

/** Heap (after GC) that 1,000,000 never-settling promises add, MiB: without and with the collector. */
async function millionPendingMiB(): Promise<{ base: number; collector: number }> {
  type Result = { grown: number };
  const grown = async (withCollector: string) =>
    (
      await runTarget<Result>(process.execPath, 'million-pending.cjs', { WITH_COLLECTOR: withCollector }, [
        '--expose-gc',
      ])
    ).grown /
    2 ** 20;
  return { base: await grown('0'), collector: await grown('1') };
}

export const promiseOverheadBench: Bench = {
  name: 'promise-overhead',
  summary: `promise-heavy HTTP service, ${CONNECTIONS} connections, ${DURATION_S} s runs: promise-chain collector off / defaults / every promise+stack`,
  async run(): Promise<BenchFigure[]> {
    const extra = process.env.HS_BENCH_OPTIONS; // e.g. '{"overheadBudget":0.0001}': one more mode to compare
    const modes: Record<string, object> = extra ? { ...MODES, custom: JSON.parse(extra) as object } : MODES;
    // The load generator (this process) on core 1, the target on core 0.
    if (existsSync(TASKSET)) execFileSync(TASKSET, ['-cp', '1', String(process.pid)], { stdio: 'ignore' });
    const dir = mkdtempSync(join(tmpdir(), 'hyperscope-promise-bench-'));
    writeFileSync(join(dir, 'target.cjs'), TARGET);
    const runs: Record<string, number[]> = Object.fromEntries(
      ['off', ...Object.keys(modes)].map((m) => [m, []]),
    );
    for (let round = 0; round < ROUNDS; round++) {
      runs.off!.push(await throughput(dir, 'off', {}));
      for (const [mode, options] of Object.entries(modes))
        runs[mode]!.push(await throughput(dir, mode, options));
    }
    const baseline = median(runs.off!);
    const memory = await millionPendingMiB();
    if (extra)
      console.log(`custom ${extra}: ${median(runs.custom!).toFixed(0)} req/s vs ${baseline.toFixed(0)} off`);
    return [
      {
        name: 'defaults',
        value: median(runs.defaults!),
        baseline,
        unit: 'req/s',
        baselineName: 'collector off',
      },
      {
        name: 'hooks always on',
        value: median(runs['always-on']!),
        baseline,
        unit: 'req/s',
        baselineName: 'collector off',
      },
      {
        name: 'every promise+stack',
        value: median(runs.exhaustive!),
        baseline,
        unit: 'req/s',
        baselineName: 'collector off',
      },
      {
        name: '1M pending: heap',
        value: memory.collector,
        baseline: memory.base,
        unit: 'MiB',
        baselineName: 'collector off',
      },
    ];
  },
};
