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
 * are charged at their real rate per request. Each run: 1 s warm-up, then MEASURE_S seconds, one 5 s
 * profile window of the recorder, so each window's stop-and-restart is charged once; for Hyperscope,
 * then detach, 1 s warm-up, AFTER_S seconds again (issue 16: after detach the service is back to its
 * baseline), compared with the baseline's target measured again at the same age. Regimes alternate
 * within a round (order rotated each round); a ratio is baseline CPU per request ÷ the regime's, in the
 * same round (1.00: free; 0.95: 5% more CPU per request), printed as the median of the rounds with their
 * range. HS_BENCH_ROUNDS (default 4), HS_BENCH_SERVICES and HS_BENCH_REGIMES (comma lists; the baseline
 * always runs) narrow a run, or name the regimes that break the defaults' cost into parts. ~7 minutes at
 * the defaults on 2 cores (4 target processes per service and round: regimes with the same recording
 * options are measured once; HS_BENCH_ROUNDS=3 for ~5).
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Bench, BenchFigure } from './bench';
import { attachHyperscope, inspectorFilePath } from './attach-hyperscope';
import { reportRecordCost, type RunFigures, type ServiceResults } from './record-cost-report';
import { describeRegime, REGIME_ENTRY, REGIMES, sameAs, type Regime } from './record-cost-regimes';
import { measure, pinSelf, startTarget } from './target-run';

const ROUNDS = Number(process.env.HS_BENCH_ROUNDS ?? 4);
const WARMUP_S = 1;
/** Seconds measured under each regime (HS_BENCH_MEASURE_S; default one short profile window). */
const MEASURE_S = Number(process.env.HS_BENCH_MEASURE_S ?? 5);
/**
 * Seconds a recording runs before the measure starts (HS_BENCH_SETTLE_S, default 0: a recording's first
 * seconds, as a newcomer's). A recording left on is measured past its first windows, which are short.
 */
const SETTLE_S = Number(process.env.HS_BENCH_SETTLE_S ?? 0);
const AFTER_S = 3;
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
 * One fresh target of `service` under `regime`: attached, warmed, measured, detached, measured. The
 * baseline (`later`) is measured a second time too, at the same age, to compare the detached ones with.
 */
async function runRegime(
  entry: string,
  service: Service,
  regime: Regime,
  later: boolean,
): Promise<RunFigures> {
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
  let detach = regime.record ? await attachHyperscope('record', inspectorFile, regime.record()) : null;
  try {
    const paced = (duration: number) => ({ connections: CONNECTIONS, overallRate: service.rate, duration });
    await measure(target, paced(WARMUP_S + SETTLE_S));
    const during = (await measure(target, paced(MEASURE_S))).cpuUsPerRequest;
    if (!detach && !later) return { during, after: null };
    const detaching = detach;
    detach = null;
    await detaching?.();
    // A warm-up again: the target re-optimizes what the recording's hooks and patches touched.
    await measure(target, paced(WARMUP_S));
    return { during, after: (await measure(target, paced(AFTER_S))).cpuUsPerRequest };
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
          const figures = await runRegime(entry, service, regime, regime === regimes[0]);
          const runs = service.runs.get(regime.name) ?? [];
          runs[round] = figures;
          service.runs.set(regime.name, runs);
          if (process.env.HS_BENCH_VERBOSE)
            console.log(
              `  round ${round} ${service.name} ${regime.name}: ${figures.during.toFixed(1)} µs/req` +
                (figures.after === null ? '' : `, after detach ${figures.after.toFixed(1)} µs/req`),
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
