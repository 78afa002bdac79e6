/**
 * What one agent per cluster worker costs (docs/performance.md, "Clusters"): a node:cluster service of
 * 1, 2 and 4 workers (each answers with a little JSON work and two awaits; every process wants the same
 * inspector port, as with Node's default 9229), under a paced load on 127.0.0.1. For each size, fresh
 * clusters recorded three ways in turn — not recorded, `record --pid PRIMARY --no-workers` (the idle
 * primary alone) and `record --pid PRIMARY` (an agent in every worker) — give:
 * - the time from starting `hyperscope record` to its start line (attach, move off the shared port,
 *   agent install; workers one at a time), so per worker: (with workers − without) / N;
 * - the recorder's CPU time and peak RSS over the recording (`/usr/bin/time`);
 * - the cluster's CPU per request (primary and workers, utime + stime), the agents' cost in the target.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, type Bench, type BenchFigure } from './bench';

const ROUNDS = Number(process.env.HS_BENCH_ROUNDS ?? 2);
const SIZES = [1, 2, 4];
const RECORD_S = 10;
const RATE = 400;
const CLI = fileURLToPath(new URL('../out/cli/hyperscope.js', import.meta.url));

const SERVICE = `
const cluster = require('node:cluster');
const http = require('node:http');
if (cluster.isPrimary) {
  cluster.setupPrimary({ inspectPort: Number(process.env.SHARED_INSPECT_PORT) });
  const n = Number(process.env.WORKERS);
  let listening = 0;
  cluster.on('listening', (w, a) => { if (++listening === n) console.log(a.port); });
  for (let i = 0; i < n; i++) cluster.fork();
} else {
  http.createServer(async (req, res) => {
    const items = [];
    for (let i = 0; i < 100; i++) items.push({ i, name: 'item ' + i });
    await Promise.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    res.end(JSON.stringify(items.filter((x) => x.i % 3 === 0)));
  }).listen(0, '127.0.0.1');
}
`;

type Mode = 'none' | 'no-workers' | 'workers';
const MODES: Mode[] = ['none', 'no-workers', 'workers'];

interface Run {
  /** From starting the recorder to its start line, ms (null: not recorded). */
  startMs: number | null;
  /** The recorder's user + system CPU over the whole recording, ms. */
  recorderCpuMs: number | null;
  /** The recorder's peak RSS, MiB. */
  recorderRssMiB: number | null;
  /** CPU of every process of the cluster per request, µs. */
  clusterCpuUsPerRequest: number;
  requestsPerSecond: number;
}

async function runMode(script: string, workers: number, mode: Mode, dir: string, port: number): Promise<Run> {
  const cluster = spawn(process.execPath, [`--inspect-port=127.0.0.1:${port}`, script], {
    env: { ...process.env, WORKERS: String(workers), SHARED_INSPECT_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  try {
    const servicePort = await new Promise<number>((resolve, reject) => {
      cluster.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
      cluster.once('exit', () => reject(new Error('bench cluster exited')));
    });
    const url = `http://127.0.0.1:${servicePort}/`;
    await autocannon({ url, connections: 8, duration: 2 }); // JIT warm-up
    const pids = [cluster.pid!, ...childPids(cluster.pid!)];
    const recorder =
      mode === 'none' ? null : startRecorder(cluster.pid!, mode, join(dir, `${mode}-${workers}.hyperscope`));
    const startMs = recorder ? await recorder.started : null;
    const before = pids.map(cpuMicros);
    const result = await autocannon({ url, connections: 8, duration: RECORD_S - 3, overallRate: RATE });
    const cpuUs = pids.map(cpuMicros).reduce((sum, us, i) => sum + us - before[i]!, 0);
    const usage = recorder ? await recorder.finished : null;
    return {
      startMs,
      recorderCpuMs: usage?.cpuMs ?? null,
      recorderRssMiB: usage?.rssMiB ?? null,
      clusterCpuUsPerRequest: cpuUs / result.requests.total,
      requestsPerSecond: result.requests.average,
    };
  } finally {
    cluster.kill('SIGKILL');
  }
}

function startRecorder(pid: number, mode: Mode, output: string) {
  const t0 = performance.now();
  const args = ['record', '--pid', String(pid), '--duration', `${RECORD_S}s`, '-o', output];
  const child = spawn(
    '/usr/bin/time',
    [
      '-f',
      'usage %U %S %M',
      process.execPath,
      CLI,
      ...args,
      ...(mode === 'no-workers' ? ['--no-workers'] : []),
    ],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  const started = new Promise<number>((resolve) =>
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('recording pid')) resolve(performance.now() - t0);
    }),
  );
  const finished = new Promise<{ cpuMs: number; rssMiB: number }>((resolve, reject) =>
    child.once('exit', () => {
      const match = /usage ([\d.]+) ([\d.]+) (\d+)/.exec(stderr);
      if (!match) return reject(new Error(`recorder failed: ${stderr}`));
      resolve({ cpuMs: (Number(match[1]) + Number(match[2])) * 1000, rssMiB: Number(match[3]) / 1024 });
    }),
  );
  return { started, finished };
}

function childPids(pid: number): number[] {
  return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number);
}

/** CPU time (user + system) of a process so far, µs (10 ms ticks). */
function cpuMicros(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return 0;
  }
}

export const clusterWorkersBench: Bench = {
  name: 'cluster-workers',
  summary: `clusters of ${SIZES.join('/')} workers at ${RATE} req/s: record with every worker vs --no-workers vs not recorded`,
  async run(): Promise<BenchFigure[]> {
    const dir = mkdtempSync(join(tmpdir(), 'hyperscope-bench-cluster-'));
    const script = join(dir, 'service.cjs');
    writeFileSync(script, SERVICE);
    const figures: BenchFigure[] = [];
    for (const workers of SIZES) {
      const runs = new Map<Mode, Run[]>(MODES.map((mode) => [mode, []]));
      for (let round = 0; round < ROUNDS; round++) {
        const order = round % 2 === 0 ? MODES : [...MODES].reverse();
        for (const mode of order)
          runs.get(mode)!.push(await runMode(script, workers, mode, dir, 30_000 + workers * 100 + round));
      }
      const med = (mode: Mode, f: (r: Run) => number | null): number =>
        median(runs.get(mode)!.map((r) => f(r) ?? NaN));
      for (const [mode, list] of runs) {
        const show = (f: (r: Run) => number | null): string =>
          list.map((r) => (f(r) === null ? '-' : Math.round(f(r)!))).join(', ');
        console.log(
          `  ${workers} workers, ${mode}: start ${show((r) => r.startMs)} ms; recorder CPU ${show((r) => r.recorderCpuMs)} ms,` +
            ` RSS ${show((r) => r.recorderRssMiB)} MiB; cluster CPU/request ${show((r) => r.clusterCpuUsPerRequest)} µs; ${show((r) => r.requestsPerSecond)} req/s`,
        );
      }
      const figure = (
        name: string,
        unit: string,
        f: (r: Run) => number | null,
        baseline: Mode,
      ): BenchFigure => ({
        name: `${name}, ${workers}w`,
        unit,
        value: med('workers', f),
        baseline: med(baseline, f),
        baselineName: baseline === 'none' ? 'not recorded' : '--no-workers',
      });
      figures.push(
        figure('start line', 'ms', (r) => r.startMs, 'no-workers'),
        figure('recorder CPU', 'ms', (r) => r.recorderCpuMs, 'no-workers'),
        figure('recorder RSS', 'MiB', (r) => r.recorderRssMiB, 'no-workers'),
        figure('cluster CPU/req', 'µs', (r) => r.clusterCpuUsPerRequest, 'none'),
      );
    }
    return figures;
  },
};
