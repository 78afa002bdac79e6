/**
 * What a recording costs a service, against the profiler users would leave on instead (issue 16):
 * three reference services (bench/targets: promise-heavy, allocation-heavy, CPU-heavy), each run under
 * every regime of `record-cost-regimes.ts` — nothing attached, `@datadog/pprof` at dd-trace's defaults,
 * Hyperscope `record` at DEFAULT_RECORDING_OPTIONS and at fixed intervals — each regime a FRESH target
 * alone on core 0, the load generator (and the recorder, which runs in this process) on core 1.
 *
 * The figure is the target's CPU time (utime + stime) per completed request under PACED load: a fixed
 * rate per service that keeps the baseline ~45–65% busy, as a service runs, rather than saturated. At
 * a fixed rate the figure does not move with how fast the load generator is on a shared core, and costs
 * that do not scale with requests (the agent's collection every second, a profile window's restart)
 * are charged at their real rate per request.
 *
 * Each target first warms up and is measured with nothing on (WARMUP_S, then BEFORE_S: a service is
 * attached to once it runs, not at its start); then the regime starts (Hyperscope attaches; pprof
 * starts on a signal) and three phases are measured:
 *   first seconds  1–6 s after attach: what a newcomer's recording costs, one-time start-up included
 *                  (the agent's injection, the first allocation window's end and its forced GC);
 *   left on        LEFT_ON_FROM_S s after attach, MEASURE_S long: past the first two allocation windows
 *                  and what their forced GCs cost after them, as a recording left on runs;
 *   after detach   for Hyperscope, 1 s after it detached, AFTER_S long (issue 16: back to baseline).
 * A ratio is the baseline target's CPU per request in a phase ÷ the regime's, same phase and round. The
 * "before" column, both targets with nothing on, shows how far two fresh processes differ (±10% on the
 * promise-heavy service here, where V8 placed and optimized their code): the noise of the others.
 * Regimes alternate within a round (order rotated each round); ratios print as the median of the rounds
 * with their range (1.00: free; 0.95: 5% more CPU per request). HS_BENCH_ROUNDS (default 3),
 * HS_BENCH_SERVICES and HS_BENCH_REGIMES (comma lists; the baseline always runs) narrow a run, or name
 * the regimes that break the defaults' cost into parts. HS_BENCH_NODE names the targets' Node binary
 * (Node 26+: allocation windows are read without a forced GC). ~40 minutes at the defaults on 2 cores (regimes
 * with the same recording options are measured once).
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Bench, BenchFigure } from './bench';
import { attachHyperscope, inspectorFilePath } from './attach-hyperscope';
import { reportRecordCost, type RunFigures, type ServiceResults } from './record-cost-report';
import {
  describeRegime,
  REGIME_ENTRY,
  REGIMES,
  sameAs,
  START_IN_PROCESS_SIGNAL,
  type Regime,
} from './record-cost-regimes';
import { measure, pinSelf, startTarget } from './target-run';

const ROUNDS = Number(process.env.HS_BENCH_ROUNDS ?? 3);
const WARMUP_S = 5;
/** Seconds each target is measured with nothing on, before its regime starts. */
const BEFORE_S = 5;
/** The first-seconds phase: from 1 s after attach, this long. */
const FIRST_S = 5;
/**
 * When the left-on phase starts, s after attach: past the first two allocation windows (they end at 5
 * and 10 s) and the ~20 s their forced full GC keeps a service slower (V8 optimizes its code again:
 * +20–30% CPU per request on the promise-heavy service in the 5 s after, +15–20% in the 5 s after that;
 * docs/performance.md). The next allocation window ends at 70 s.
 */
const LEFT_ON_FROM_S = 35;
/** Seconds the left-on phase is measured (HS_BENCH_MEASURE_S). */
const MEASURE_S = Number(process.env.HS_BENCH_MEASURE_S ?? 10);
const AFTER_S = 5;
const CONNECTIONS = 16;

interface Service {
  name: string;
  /** Requests per second, paced: the baseline ~45–65% busy on one core (measured on this machine, 2026-12-07). */
  rate: number;
}

/** bench/targets/<name>.cjs. The promise-heavy one is CPU-light per request, so its rate is high. */
const SERVICES: Service[] = [
  { name: 'promise-heavy', rate: 8000 },
  { name: 'allocation-heavy', rate: 800 },
  { name: 'cpu-heavy', rate: 300 },
];

function serviceScript(name: string): string {
  return fileURLToPath(new URL(`./targets/${name}.cjs`, import.meta.url));
}

/**
 * One fresh target of `service`: measured with nothing on, then under `regime` (first seconds, left
 * on), then (Hyperscope) detached. The baseline runs the same schedule with nothing ever attached.
 */
async function runRegime(entry: string, service: Service, regime: Regime): Promise<RunFigures> {
  const inspectorFile = regime.record ? inspectorFilePath() : '';
  const target = await startTarget(
    entry,
    {
      HS_SERVICE: serviceScript(service.name),
      ...(regime.inProcess ? { HS_IN_PROCESS: JSON.stringify(regime.inProcess) } : {}),
      ...(regime.record ? { HS_INSPECTOR_FILE: inspectorFile } : {}),
    },
    0,
    '/?id=7',
  );
  let detach: (() => Promise<void>) | null = null;
  try {
    const paced = (duration: number) => ({ connections: CONNECTIONS, overallRate: service.rate, duration });
    const cpuPerRequest = async (seconds: number) => (await measure(target, paced(seconds))).cpuUsPerRequest;
    await measure(target, paced(WARMUP_S));
    const before = await cpuPerRequest(BEFORE_S);
    if (regime.record) detach = await attachHyperscope('record', inspectorFile, regime.record());
    if (regime.inProcess) process.kill(target.pid, START_IN_PROCESS_SIGNAL);
    await measure(target, paced(1));
    const first = await cpuPerRequest(FIRST_S);
    await measure(target, paced(LEFT_ON_FROM_S - 1 - FIRST_S));
    const leftOn = await cpuPerRequest(MEASURE_S);
    const detaching = detach;
    detach = null;
    await detaching?.();
    // A warm-up again: the target re-optimizes what the recording's hooks and patches touched.
    await measure(target, paced(1));
    const after = regime.inProcess ? null : await cpuPerRequest(AFTER_S);
    return { before, first, leftOn, after };
  } finally {
    await detach?.();
    target.stop();
  }
}

export const recordCostBench: Bench = {
  name: 'record-cost',
  summary: `target CPU per request, paced, fresh process per regime, ${ROUNDS} rounds: nothing attached / @datadog/pprof at dd-trace's defaults / hyperscope record (defaults and fixed intervals), on promise-, allocation- and CPU-heavy services`,
  async run(): Promise<BenchFigure[]> {
    pinSelf(1); // The load generator and the recorder on core 1, the targets on core 0.
    const named = process.env.HS_BENCH_REGIMES?.split(',');
    const regimes = REGIMES.filter(
      (regime, index) => index === 0 || (named ? named.includes(regime.name) : !regime.onlyWhenNamed),
    );
    const onlyServices = process.env.HS_BENCH_SERVICES?.split(',');
    const services = SERVICES.filter((service) => !onlyServices || onlyServices.includes(service.name));
    const duplicates = sameAs(regimes);
    const measured = regimes.filter((regime) => !duplicates.has(regime.name));
    for (const regime of regimes)
      console.log(
        `  ${regime.name.padEnd(24)} ${describeRegime(regime)}` +
          (duplicates.has(regime.name) ? ` (= ${duplicates.get(regime.name)}, measured once)` : ''),
      );
    const loadBefore = readFileSync('/proc/loadavg', 'utf8').trim();
    const entry = join(mkdtempSync(join(tmpdir(), 'hyperscope-record-cost-')), 'entry.cjs');
    writeFileSync(entry, REGIME_ENTRY);
    const results: ServiceResults[] = services.map((service) => ({ ...service, runs: new Map() }));
    for (let round = 0; round < ROUNDS; round++) {
      for (const service of results) {
        // Rotated each round, so no regime always runs first (or right after another) in the round.
        for (let i = 0; i < measured.length; i++) {
          const regime = measured[(i + round) % measured.length]!;
          const figures = await runRegime(entry, service, regime);
          const runs = service.runs.get(regime.name) ?? [];
          runs[round] = figures;
          service.runs.set(regime.name, runs);
          if (process.env.HS_BENCH_VERBOSE)
            console.log(
              `  round ${round} ${service.name} ${regime.name}: µs/req before ${figures.before.toFixed(1)}, ` +
                `first ${figures.first.toFixed(1)}, left on ${figures.leftOn.toFixed(1)}` +
                (figures.after === null ? '' : `, after detach ${figures.after.toFixed(1)}`),
            );
        }
      }
    }
    for (const [name, first] of duplicates)
      for (const service of results) service.runs.set(name, service.runs.get(first)!);
    const loadAfter = readFileSync('/proc/loadavg', 'utf8').trim();
    console.log(`  load average (/proc/loadavg) before: ${loadBefore}; after: ${loadAfter}`);
    return reportRecordCost(
      results,
      regimes[0]!.name,
      regimes.map((regime) => regime.name),
    );
  },
};
