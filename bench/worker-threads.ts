/**
 * What one agent per worker thread costs, on a worker-heavy HTTP service: the main thread only relays
 * each request to one of two worker threads (`postMessage`), which do the work (build, filter and
 * serialize ~200 objects, two awaits). Saturated by autocannon on 127.0.0.1 (32 connections), a fresh
 * target per run, modes alternating each round: not recorded, `hyperscope record --no-threads` (the
 * main thread only), `hyperscope record` following the threads (three agents, three CPU and
 * allocation profilers) and the same with `--no-heap`. Also: the install time of one agent in a worker
 * thread against the main thread's, and a collection's CPU in each (`snapshot.agent.collectCpuMs`).
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, type Bench, type BenchFigure } from './bench';
import { measure, startTarget, type StartedTarget } from './target-run';
import { measureInstalls } from './worker-thread-installs';
import { waitFor } from '../test/support/wait-for';

const ROUNDS = Number(process.env.HS_BENCH_ROUNDS ?? 3);
const CONNECTIONS = 32;
const MEASURE_S = 6;
const CLI = fileURLToPath(new URL('../out/cli/hyperscope.js', import.meta.url));

export const WORKER_SERVICE = `
const http = require('node:http');
const { Worker, isMainThread, parentPort } = require('node:worker_threads');
if (isMainThread) {
  const workers = [new Worker(__filename), new Worker(__filename)];
  const waiting = new Map();
  let next = 0;
  for (const w of workers) w.on('message', ({ id, body }) => { waiting.get(id).end(body); waiting.delete(id); });
  const server = http.createServer((req, res) => {
    const id = ++next;
    waiting.set(id, res);
    workers[id % workers.length].postMessage({ id, n: 200 });
  });
  server.listen(0, '127.0.0.1', () => console.log(server.address().port));
} else {
  parentPort.on('message', async ({ id, n }) => {
    const items = [];
    for (let i = 0; i < n; i++) items.push({ i, name: 'item ' + i, tags: ['a', 'b'] });
    await Promise.resolve();
    const kept = items.filter((x) => x.i % 3 === 0).map((x) => ({ ...x, score: Math.sqrt(x.i) }));
    await new Promise((resolve) => setImmediate(resolve));
    parentPort.postMessage({ id, body: String(JSON.stringify(kept).length) });
  });
}
`;

type Mode = 'none' | 'no-threads' | 'threads' | 'threads-no-heap';
const MODES: Mode[] = ['none', 'no-threads', 'threads', 'threads-no-heap'];
/** `hyperscope record` arguments per mode (`none` is not recorded). */
const RECORD_ARGS: Record<Exclude<Mode, 'none'>, string[]> = {
  'no-threads': ['--no-threads'],
  threads: [],
  // Where the recorded threads' cost goes: allocation sampling in the threads doing the work.
  'threads-no-heap': ['--no-heap'],
};

interface Run {
  requestsPerSecond: number;
  /** Target CPU (all threads) per request, µs. */
  cpuUsPerRequest: number;
  /** The main thread's CPU per request, µs: it also carries the threads' inspector messages. */
  mainCpuUsPerRequest: number;
  session: string | null;
}

/** One fresh target: warmed up, recorded in `mode` (once every recorded thread has a snapshot), loaded. */
async function runMode(script: string, mode: Mode, dir: string, round: number): Promise<Run> {
  // An inspector opened by SIGUSR1 on a random port: 9229 may be another process's.
  const target = await startTarget(script, { NODE_OPTIONS: '--inspect-port=127.0.0.1:0' }, null);
  const session = mode === 'none' ? null : join(dir, `${mode}-${round}.hyperscope`);
  try {
    await autocannon({ url: target.url, connections: CONNECTIONS, duration: 2 }); // JIT warm-up
    const recorder =
      session && mode !== 'none' ? await startRecorder(target, session, RECORD_ARGS[mode]) : null;
    const mainBefore = threadCpuMicros(target.pid, target.pid);
    const measured = await measure(target, { connections: CONNECTIONS, duration: MEASURE_S });
    const mainUs = threadCpuMicros(target.pid, target.pid) - mainBefore;
    await recorder?.stop();
    const requests = measured.requestsPerSecond * MEASURE_S;
    return { ...measured, mainCpuUsPerRequest: mainUs / requests, session };
  } finally {
    target.stop();
  }
}

/** `hyperscope record --pid` in a child process; resolves once every thread it records has a snapshot. */
async function startRecorder(target: StartedTarget, output: string, more: string[]) {
  const args = ['record', '--pid', String(target.pid), '-o', output, ...more];
  const child = spawn(process.execPath, [CLI, ...args], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const expected = more.includes('--no-threads') ? 1 : 3;
  await waitFor(
    () => recordedThreads(output) >= expected,
    30_000,
    () => `${output}: not every thread`,
  );
  return {
    async stop() {
      child.kill('SIGINT');
      await exited;
    },
  };
}

/** Snapshot lines of a session file by source (`main` for the header's target). */
function snapshotsBySource(path: string): Map<string, { agent: { collectCpuMs: number } }[]> {
  const out = new Map<string, { agent: { collectCpuMs: number } }[]>();
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return out;
  }
  for (const line of text.split('\n')) {
    if (!line.startsWith('{"type":"snapshot"')) continue;
    const record = JSON.parse(line) as { source?: string; snapshot: { agent: { collectCpuMs: number } } };
    const source = record.source ?? 'main';
    out.set(source, [...(out.get(source) ?? []), record.snapshot]);
  }
  return out;
}

function recordedThreads(path: string): number {
  return snapshotsBySource(path).size;
}

const TICK_US = 10_000;

/** CPU time (user + system) of one thread of a process so far, µs. */
function threadCpuMicros(pid: number, tid: number): number {
  const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_US;
}

export const workerThreadsBench: Bench = {
  name: 'worker-threads',
  summary: `a service whose work runs on 2 worker threads, ${CONNECTIONS} connections: recorded with its threads vs --no-threads vs not recorded`,
  async run(): Promise<BenchFigure[]> {
    const dir = mkdtempSync(join(tmpdir(), 'hyperscope-bench-threads-'));
    const script = join(dir, 'service.cjs');
    writeFileSync(script, WORKER_SERVICE);
    const runs = new Map<Mode, Run[]>(MODES.map((mode) => [mode, []]));
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? MODES : [...MODES].reverse();
      for (const mode of order) runs.get(mode)!.push(await runMode(script, mode, dir, round));
    }
    for (const [mode, list] of runs) {
      const show = (f: (r: Run) => number): string => list.map((r) => Math.round(f(r))).join(', ');
      console.log(
        `  ${mode}: ${show((r) => r.requestsPerSecond)} req/s; CPU/request ${show((r) => r.cpuUsPerRequest)} µs,` +
          ` main thread ${show((r) => r.mainCpuUsPerRequest)} µs`,
      );
    }
    const med = (mode: Mode, f: (r: Run) => number): number => median(runs.get(mode)!.map(f));
    const collect = collectCosts(runs.get('threads')!.map((r) => r.session!));
    console.log(`  collect CPU, ms (median): main thread ${collect.main}, worker thread ${collect.thread}`);
    const installs = await measureInstalls(script);
    console.log(`  install, ms: ${JSON.stringify(installs)}`);
    const figure = (name: string, unit: string, value: number, baseline: number, baselineName: string) => ({
      name,
      unit,
      value,
      baseline,
      baselineName,
    });
    return [
      figure(
        'throughput',
        'req/s',
        med('threads', (r) => r.requestsPerSecond),
        med('no-threads', (r) => r.requestsPerSecond),
        '--no-threads',
      ),
      figure(
        'throughput, unrecorded',
        'req/s',
        med('threads', (r) => r.requestsPerSecond),
        med('none', (r) => r.requestsPerSecond),
        'not recorded',
      ),
      figure(
        'CPU per request',
        'µs',
        med('threads', (r) => r.cpuUsPerRequest),
        med('no-threads', (r) => r.cpuUsPerRequest),
        '--no-threads',
      ),
      figure(
        'CPU/request, unrecorded',
        'µs',
        med('threads', (r) => r.cpuUsPerRequest),
        med('none', (r) => r.cpuUsPerRequest),
        'not recorded',
      ),
      figure(
        'main-thread CPU/req',
        'µs',
        med('threads', (r) => r.mainCpuUsPerRequest),
        med('no-threads', (r) => r.mainCpuUsPerRequest),
        '--no-threads',
      ),
      figure(
        'CPU/req, threads --no-heap',
        'µs',
        med('threads-no-heap', (r) => r.cpuUsPerRequest),
        med('no-threads', (r) => r.cpuUsPerRequest),
        '--no-threads',
      ),
      figure('collect CPU', 'ms', collect.thread, collect.main, 'main thread'),
      figure('install, idle', 'ms', installs.idle.thread, installs.idle.main, 'main thread'),
      figure('install, loaded', 'ms', installs.loaded.thread, installs.loaded.main, 'main thread'),
    ];
  },
};

/** Median `collectCpuMs` of the main thread's snapshots and of the worker threads'. */
function collectCosts(sessions: string[]): { main: number; thread: number } {
  const main: number[] = [];
  const thread: number[] = [];
  for (const path of sessions)
    for (const [source, snapshots] of snapshotsBySource(path))
      (source === 'main' ? main : thread).push(...snapshots.map((s) => s.agent.collectCpuMs));
  return { main: median(main), thread: median(thread) };
}
