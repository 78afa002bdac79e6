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
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, type Bench, type BenchFigure } from './bench';
import { collectCosts, startRecorder } from './recorder-child';
import { measure, startTarget } from './target-run';
import { measureInstalls } from './worker-thread-installs';
import { WORKER_SERVICE } from './worker-service';

const ROUNDS = Number(process.env.HS_BENCH_ROUNDS ?? 3);
const CONNECTIONS = 32;
const MEASURE_S = 6;
/** Then a paced phase: requests per second, s. Well below saturation: a service in production. */
const PACED_RATE = 1000;
const PACED_S = 5;

type Mode = 'none' | 'no-threads' | 'threads' | 'threads-no-heap';
const MODES: Mode[] = ['none', 'no-threads', 'threads', 'threads-no-heap'];
/** `hyperscope record` arguments per mode (`none` is not recorded). */
const RECORD_ARGS: Record<Exclude<Mode, 'none'>, string[]> = {
  'no-threads': ['--no-threads'],
  threads: [],
  // Where the recorded threads' cost goes: allocation sampling in the threads doing the work.
  'threads-no-heap': ['--no-heap'],
};

/** The figures compared between modes: name, mode, what, against which mode. */
const COMPARED: [string, Mode, keyof Omit<Run, 'session'>, Mode][] = [
  ['throughput', 'threads', 'requestsPerSecond', 'no-threads'],
  ['throughput, unrecorded', 'threads', 'requestsPerSecond', 'none'],
  ['CPU per request', 'threads', 'cpuUsPerRequest', 'no-threads'],
  ['CPU/request, unrecorded', 'threads', 'cpuUsPerRequest', 'none'],
  ['main-thread CPU/req', 'threads', 'mainCpuUsPerRequest', 'no-threads'],
  ['CPU/req, threads no-heap', 'threads-no-heap', 'cpuUsPerRequest', 'no-threads'],
  [`CPU/req at ${PACED_RATE}/s`, 'threads', 'pacedCpuUsPerRequest', 'no-threads'],
  [`CPU/req at ${PACED_RATE}/s, unrec.`, 'threads', 'pacedCpuUsPerRequest', 'none'],
  ['recorder CPU', 'threads', 'recorderCpuMsPerS', 'no-threads'],
];
const UNITS: Record<keyof Omit<Run, 'session'>, string> = {
  requestsPerSecond: 'req/s',
  cpuUsPerRequest: 'µs',
  mainCpuUsPerRequest: 'µs',
  pacedCpuUsPerRequest: 'µs',
  recorderCpuMsPerS: 'ms/s',
};

interface Run {
  requestsPerSecond: number;
  /** Target CPU (all threads) per request, µs. */
  cpuUsPerRequest: number;
  /** The main thread's CPU per request, µs. */
  mainCpuUsPerRequest: number;
  /** Target CPU per request at {@link PACED_RATE}, µs. */
  pacedCpuUsPerRequest: number;
  /** The recorder's CPU over both phases, ms per second (0 when not recorded). */
  recorderCpuMsPerS: number;
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
      session && mode !== 'none'
        ? await startRecorder(target, session, RECORD_ARGS[mode], mode === 'no-threads' ? 1 : 3)
        : null;
    const mainStat = `/proc/${target.pid}/task/${target.pid}/stat`;
    const recorderStat = recorder ? `/proc/${recorder.pid}/stat` : null;
    const [mainBefore, recorderBefore] = [cpuMicros(mainStat), cpuMicros(recorderStat)];
    const measured = await measure(target, { connections: CONNECTIONS, duration: MEASURE_S });
    const mainUs = cpuMicros(mainStat) - mainBefore;
    const paced = await measure(target, { connections: 8, duration: PACED_S, overallRate: PACED_RATE });
    const recorderUs = cpuMicros(recorderStat) - recorderBefore;
    await recorder?.stop();
    return {
      ...measured,
      mainCpuUsPerRequest: mainUs / (measured.requestsPerSecond * MEASURE_S),
      pacedCpuUsPerRequest: paced.cpuUsPerRequest,
      recorderCpuMsPerS: recorderUs / 1000 / (MEASURE_S + PACED_S),
      session,
    };
  } finally {
    target.stop();
  }
}

const TICK_US = 10_000;

/** CPU time (user + system) so far of the process or thread whose `/proc` stat file is `path`, µs. */
function cpuMicros(path: string | null): number {
  if (!path) return 0;
  const stat = readFileSync(path, 'utf8');
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
      const fields = Object.keys(UNITS) as (keyof typeof UNITS)[];
      const line = fields.map((f) => `${f} ${list.map((r) => Math.round(r[f])).join(', ')}`);
      console.log(`  ${mode}: ${line.join('; ')}`);
    }
    const med = (mode: Mode, f: (r: Run) => number): number => median(runs.get(mode)!.map(f));
    const collect = collectCosts(runs.get('threads')!.map((r) => r.session!));
    console.log(`  collect CPU, ms (median): main thread ${collect.main}, worker thread ${collect.thread}`);
    const installs = await measureInstalls(script);
    console.log(`  install, ms: ${JSON.stringify(installs)}`);
    const compared = COMPARED.map(([name, mode, field, base]) => ({
      name,
      unit: UNITS[field],
      value: med(mode, (r) => r[field]),
      baseline: med(base, (r) => r[field]),
      baselineName: base === 'none' ? 'not recorded' : `--${base}`,
    }));
    const vsMain = (name: string, value: number, baseline: number) =>
      ({ name, unit: 'ms', value, baseline, baselineName: 'main thread' }) satisfies BenchFigure;
    return [
      ...compared,
      vsMain('collect CPU', collect.thread, collect.main),
      vsMain('install, idle', installs.idle.thread, installs.idle.main),
      vsMain('install, loaded', installs.loaded.thread, installs.loaded.main),
    ];
  },
};
