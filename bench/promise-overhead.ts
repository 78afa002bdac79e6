/**
 * Overhead of the promise-chain collector on a promise-heavy HTTP service (parse, a few awaited calls,
 * an upstream call over a keep-alive pool, a setImmediate hop, a Promise.all, JSON out; ~30 promises a
 * request: bench/targets/promise-heavy.cjs), driven by
 * autocannon on 127.0.0.1: without the collector against hooks set once, the defaults, hooks always on
 * and "every promise, every stack" (what the sampling saves); then Hyperscope as a user attaches it:
 * the whole agent over the inspector, and a default `hyperscope record` (`attach-hyperscope.ts`). Each
 * round and mode starts a fresh target without the collector and one with it, both pinned to core 0
 * (the load on core 1) and driven AT ONCE, so that whatever else the machine runs slows both alike:
 * saturated (each gets half the core, req/s and CPU time per request go as the cost), then paced (CPU
 * time per request at a fixed rate, where the process is mostly idle); then one at a time, alternating
 * (the issue's method: each alone on core 0, as a service has its core; two targets time-sharing one core
 * charge the agent more, docs/performance.md). Attached modes are measured again after Hyperscope
 * detaches, paired then alternating (issue 8: back to baseline). Medians of the rounds' ratios.
 * Also: the heap the collector adds with 1,000,000 never-settling promises.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { harnessBundle, runTarget as runHarnessTarget } from '../test/promise-chains/run-target';
import { median, type Bench, type BenchFigure } from './bench';
import {
  attachHyperscope,
  inspectorFilePath,
  OPEN_INSPECTOR_SNIPPET,
  type AttachedMode,
} from './attach-hyperscope';
import {
  measureAlternating,
  measurePair,
  pinSelf,
  startTarget,
  type Measured,
  type StartedTarget,
} from './target-run';

const ROUNDS = Number(process.env.HS_BENCH_ROUNDS ?? 3);
/** Seconds of each paired phase (saturated, then paced). */
const DURATION_S = 5;
/** Requests per second to EACH target of a pair: both together well below what one core serves (~7k+). */
const PACED_RATE = 2000;
const CONNECTIONS = 32;
/** Alternating runs (the method) per round: one target at a time, saturated, this many seconds each. */
const ALONE_PAIRS = 4;
const ALONE_S = 3;

const LABELS: Record<string, string> = {
  'hooks-once': 'hooks set once, removed',
  defaults: 'defaults',
  'always-on': 'hooks always on',
  exhaustive: 'every promise+stack',
  agent: 'whole agent, attached',
  record: 'hyperscope record',
};

const MODES = {
  /**
   * No collector; promise hooks set and removed once at start. V8 then stops inlining promise
   * operations in optimized code for good (its promise-hook protector): the floor of any hook use.
   */
  'hooks-once': {},
  defaults: {},
  /** Hooks always on (no duty cycle), stacks still budgeted: what the time sampling saves. */
  'always-on': { overheadBudget: 1e9 },
  exhaustive: { exhaustive: true, stacksPerSecond: 1e9 },
  /** The real agent over the inspector, every collector at its defaults (`attach-hyperscope.ts`). */
  agent: {},
  /** `hyperscope record` at its defaults: the agent plus V8's CPU and allocation profilers. */
  record: {},
} as const;

const ATTACHED_MODES: readonly string[] = ['agent', 'record'] satisfies AttachedMode[];

// The service is bench/targets/promise-heavy.cjs (shared with record-cost); the collector starts before it.
const TARGET = `
${OPEN_INSPECTOR_SNIPPET}
if (process.env.HS_INSPECTOR_FILE) {
  // Hyperscope attaches from outside.
} else if (process.env.HS_MODE === 'hooks-once') {
  require('node:v8').promiseHooks.onInit(() => {})();
} else if (process.env.HS_MODE !== 'off') {
  // collectEveryMs (bench only): how often the section is built, as the recorder does every second; 0: never.
  const { collectEveryMs = 1000, ...options } = JSON.parse(process.env.HS_OPTIONS);
  const harness = require(process.env.HARNESS).startCollector(options);
  if (collectEveryMs > 0) setInterval(() => JSON.stringify(harness.collect()), collectEveryMs).unref();
}
require(${JSON.stringify(fileURLToPath(new URL('./targets/promise-heavy.cjs', import.meta.url)))});
`;

/** The alternating runs of one round: `off` and `on` each alone on core 0, `ALONE_PAIRS` times. */
function measureAlone(off: StartedTarget, on: StartedTarget): Promise<[Measured, Measured][]> {
  return measureAlternating(off, on, { connections: CONNECTIONS, duration: ALONE_S }, ALONE_PAIRS);
}

/** On ÷ off req/s of each alternating pair. */
function aloneRatios(pairs: [Measured, Measured][]): number[] {
  return pairs.map(([offAlone, onAlone]) => onAlone.requestsPerSecond / offAlone.requestsPerSecond);
}

/** Heap (after GC) that 1,000,000 never-settling promises add, MiB: without and with the collector. */
async function millionPendingMiB(): Promise<{ base: number; collector: number }> {
  type Result = { grown: number };
  const grown = async (withCollector: string) =>
    (
      await runHarnessTarget<Result>(
        process.execPath,
        'million-pending.cjs',
        { WITH_COLLECTOR: withCollector },
        ['--expose-gc'],
      )
    ).grown /
    2 ** 20;
  return { base: await grown('0'), collector: await grown('1') };
}

export const promiseOverheadBench: Bench = {
  name: 'promise-overhead',
  summary: `promise-heavy HTTP service, ${CONNECTIONS} connections, ${DURATION_S} s runs: promise-chain collector off / defaults / every promise+stack; whole agent attached; hyperscope record`,
  async run(): Promise<BenchFigure[]> {
    const extra = process.env.HS_BENCH_OPTIONS; // e.g. '{"overheadBudget":0.0001}': one more mode to compare
    const all: Record<string, object> = extra ? { ...MODES, custom: JSON.parse(extra) as object } : MODES;
    // HS_BENCH_MODES=defaults,custom: only these (with "off"; add "memory" for the 1M-pending figure).
    const only = process.env.HS_BENCH_MODES?.split(',');
    const modes = Object.fromEntries(Object.entries(all).filter(([name]) => !only || only.includes(name)));
    pinSelf(1); // The load generator (this process) on core 1, the targets on core 0.
    const dir = mkdtempSync(join(tmpdir(), 'hyperscope-promise-bench-'));
    writeFileSync(join(dir, 'target.cjs'), TARGET);
    const harness = await harnessBundle();
    const detachers = new Map<StartedTarget, () => Promise<void>>();
    const start = async (mode: string, options: object): Promise<StartedTarget> => {
      const attached = ATTACHED_MODES.includes(mode);
      const inspectorFile = attached ? inspectorFilePath() : '';
      const target = await startTarget(
        join(dir, 'target.cjs'),
        {
          HARNESS: harness,
          HS_MODE: mode,
          HS_OPTIONS: JSON.stringify(options),
          ...(attached ? { HS_INSPECTOR_FILE: inspectorFile } : {}),
        },
        0,
        '/?id=7',
      );
      if (attached) detachers.set(target, await attachHyperscope(mode as AttachedMode, inspectorFile));
      return target;
    };
    type Ratios = {
      saturated: number[];
      saturatedCpu: number[];
      paced: number[];
      alone: number[];
      afterDetach: number[];
      aloneAfterDetach: number[];
    };
    const ratios: Record<string, Ratios> = {};
    const offCpu: number[] = [];
    const offRps: number[] = [];
    const offAloneRps: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const [mode, options] of Object.entries(modes)) {
        const [off, on] = await Promise.all([start('off', {}), start(mode, options)]);
        try {
          await measurePair(off, on, { connections: CONNECTIONS, duration: 1 }); // warm-up
          // Both saturated at once: each gets about half of core 0, so requests served go as 1 / cost.
          const [offSat, onSat] = await measurePair(off, on, {
            connections: CONNECTIONS,
            duration: DURATION_S,
          });
          // Both at a fixed rate well below saturation: CPU per request where the process is mostly idle.
          const [offPaced, onPaced] = await measurePair(off, on, {
            connections: CONNECTIONS,
            duration: DURATION_S,
            overallRate: PACED_RATE,
          });
          // One at a time, each with core 0 to itself (as a service has its core): the alternating runs.
          const alone = await measureAlone(off, on);
          const entry = (ratios[mode] ??= {
            saturated: [],
            saturatedCpu: [],
            paced: [],
            alone: [],
            afterDetach: [],
            aloneAfterDetach: [],
          });
          entry.alone.push(...aloneRatios(alone));
          offAloneRps.push(...alone.map(([offAlone]) => offAlone.requestsPerSecond));
          const detach = detachers.get(on);
          if (detach) {
            // Detached, the target must serve as before we came (issue 8): saturated again, side by side.
            detachers.delete(on);
            await detach();
            // As before the attached runs: a warm-up, so the target re-optimizes what our patches touched.
            await measurePair(off, on, { connections: CONNECTIONS, duration: 1 });
            const [offAfter, onAfter] = await measurePair(off, on, {
              connections: CONNECTIONS,
              duration: DURATION_S,
            });
            entry.afterDetach.push(offAfter.cpuUsPerRequest / onAfter.cpuUsPerRequest);
            // And the way: one at a time, alternating.
            entry.aloneAfterDetach.push(...aloneRatios(await measureAlone(off, on)));
          }
          entry.saturated.push(onSat.requestsPerSecond / offSat.requestsPerSecond);
          entry.saturatedCpu.push(offSat.cpuUsPerRequest / onSat.cpuUsPerRequest);
          entry.paced.push(offPaced.cpuUsPerRequest / onPaced.cpuUsPerRequest);
          offCpu.push(offPaced.cpuUsPerRequest);
          offRps.push(offSat.requestsPerSecond);
          if (process.env.HS_BENCH_VERBOSE)
            console.log(
              `round ${round} ${mode}: saturated off ${offSat.requestsPerSecond.toFixed(0)} req/s ` +
                `${offSat.cpuUsPerRequest.toFixed(1)} µs/req, on ${onSat.requestsPerSecond.toFixed(0)} req/s ` +
                `${onSat.cpuUsPerRequest.toFixed(1)} µs/req; paced CPU/req off ${offPaced.cpuUsPerRequest.toFixed(1)} µs, ` +
                `on ${onPaced.cpuUsPerRequest.toFixed(1)} µs; alone req/s ` +
                alone
                  .map(([a, b]) => `${a.requestsPerSecond.toFixed(0)}→${b.requestsPerSecond.toFixed(0)}`)
                  .join(' '),
            );
        } finally {
          await detachers.get(on)?.();
          off.stop();
          on.stop();
        }
      }
    }
    const figures: BenchFigure[] = [];
    const rpsBase = median(offRps);
    const cpuBase = 1e6 / median(offCpu);
    const aloneBase = median(offAloneRps);
    for (const [mode, entry] of Object.entries(ratios)) {
      const label = LABELS[mode] ?? mode;
      // `value / baseline` prints the median of the rounds' ratios.
      figures.push(
        {
          name: `${label}: req/s`,
          value: median(entry.saturated) * rpsBase,
          baseline: rpsBase,
          unit: 'req/s',
          baselineName: 'collector off, saturated beside it on one core',
        },
        {
          name: `${label}: req/s alone`,
          value: median(entry.alone) * aloneBase,
          baseline: aloneBase,
          unit: 'req/s',
          baselineName: `collector off, alternating ${ALONE_S} s runs, each alone on core 0`,
        },
        {
          name: `${label}: 1/CPU per req`,
          value: median(entry.saturatedCpu),
          baseline: 1,
          unit: '',
          baselineName: 'collector off, same run',
        },
        ...(entry.afterDetach.length === 0
          ? []
          : [
              {
                name: `${label}: detached, 1/CPU per req`,
                value: median(entry.afterDetach),
                baseline: 1,
                unit: '',
                baselineName: 'collector off, same run, after Hyperscope detached',
              },
              {
                name: `${label}: detached, req/s alone`,
                value: median(entry.aloneAfterDetach) * aloneBase,
                baseline: aloneBase,
                unit: 'req/s',
                baselineName: `collector off, alternating ${ALONE_S} s runs, after Hyperscope detached`,
              },
            ]),
        {
          name: `${label}: paced req/CPU-s`,
          value: median(entry.paced) * cpuBase,
          baseline: cpuBase,
          unit: 'req/CPU-s',
          baselineName: `collector off, ${PACED_RATE} req/s each on one core`,
        },
      );
    }
    if (!only || only.includes('memory')) {
      const memory = await millionPendingMiB();
      figures.push({
        name: '1M pending: heap',
        value: memory.collector,
        baseline: memory.base,
        unit: 'MiB',
        baselineName: 'collector off',
      });
    }
    return figures;
  },
};
