/**
 * A long recording at the defaults (issue 16: "`record --duration 1h` at defaults: recorder and target
 * memory flat, session file growth bounded, the report and the app open it in bounded time and memory").
 * The promise-heavy reference target (bench/targets) under paced load on 127.0.0.1 (HS_BENCH_LONG_RATE,
 * default 3,000 req/s: ~20–30% of a core here) for the whole run, recorded by `hyperscope record --url …
 * --duration HS_BENCH_LONG_S` (default 3600) in its own process, sampled every HS_BENCH_LONG_SAMPLE_S
 * (default 60; long-recording-run.ts). Then the file: its records by type (session-census.ts), and what
 * opening it costs (long-recording-open.ts). The session file is kept (its path is printed).
 *
 * Baselines, all from the same run: memory's is the second quarter of the recording (after warm-up) —
 * "flat" is the last quarter's median over it; a target left unrecorded for an hour beside it would cost
 * a second hour on a shared 2-core machine, so the target's own trend is its baseline. The file's growth
 * in its last quarter is divided by its growth in the second. Opening it is divided by a Node process that
 * reads and `JSON.parse`s every line of the same file, keeping nothing: the least any reader does.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from '../test/e2e/browser-app';
import type { Bench, BenchFigure } from './bench';
import { timeApp, timeParseFloor, timeReport } from './long-recording-open';
import { runLongRecording } from './long-recording-run';
import { quarterMedian, quarterRatePerHour, type Sample } from './long-recording-samples';
import { formatCensus, sessionCensus } from './session-census';

const DURATION_S = Number(process.env.HS_BENCH_LONG_S ?? 3600);
const SAMPLE_S = Number(process.env.HS_BENCH_LONG_SAMPLE_S ?? 60);
const RATE = Number(process.env.HS_BENCH_LONG_RATE ?? 3000);

const figure = (name: string, value: number, baseline: number, unit: string, baselineName: string) => ({
  name,
  value,
  baseline,
  unit,
  baselineName,
});

/** Last quarter's median of `pick` against the second quarter's. */
function flat(samples: Sample[], name: string, pick: (s: Sample) => number | null): BenchFigure {
  const q2 = quarterMedian(samples, DURATION_S, 2, pick);
  const q4 = quarterMedian(samples, DURATION_S, 4, pick);
  return figure(name, q4, q2, 'MiB', 'median, 2nd quarter');
}

export const longRecordingBench: Bench = {
  name: 'long-recording',
  onlyWhenNamed: true,
  summary: `hyperscope record --duration ${DURATION_S}s at defaults of the promise-heavy target at ${RATE} req/s: memory, file growth, report and app open`,
  async run(): Promise<BenchFigure[]> {
    ensureBuilt();
    const dir = mkdtempSync(join(tmpdir(), 'hyperscope-long-recording-'));
    const output = join(dir, 'long.hyperscope');
    console.log(`  session file: ${output}`);
    const run = await runLongRecording({
      service: 'promise-heavy',
      rate: RATE,
      durationS: DURATION_S,
      sampleS: SAMPLE_S,
      warmupS: 10,
      dir,
      output,
    });
    const { samples } = run;
    const last = samples.at(-1)!;
    const cpuShare = (100 * (last.targetCpuS - samples[0]!.targetCpuS)) / (last.atS - samples[0]!.atS);
    console.log(
      `  recorder exited ${run.recorderExitCode}; load ${run.requestsPerSecond.toFixed(0)} req/s, ` +
        `${run.failedRequests} failed; target ${cpuShare.toFixed(0)}% of a core while recorded`,
    );
    const fileMiB = last.fileMiB;
    const perHour = (fileMiB / DURATION_S) * 3600;
    console.log(`  file ${fileMiB.toFixed(1)} MiB after ${DURATION_S} s: ${perHour.toFixed(1)} MiB per hour`);
    for (const q of [1, 2, 3, 4] as const)
      console.log(
        `  quarter ${q}: recorder ${quarterMedian(samples, DURATION_S, q, (s) => s.recorderRssMiB).toFixed(1)} MiB ` +
          `(V8 heap ${quarterMedian(samples, DURATION_S, q, (s) => s.recorderHeapMiB).toFixed(1)}), ` +
          `target ${quarterMedian(samples, DURATION_S, q, (s) => s.targetRssMiB).toFixed(1)} MiB, ` +
          `file +${quarterRatePerHour(samples, DURATION_S, q, (s) => s.fileMiB).toFixed(1)} MiB/h`,
      );
    for (const line of formatCensus(await sessionCensus(output, DURATION_S))) console.log(line);

    const cli = fileURLToPath(new URL('../bin/hyperscope.js', import.meta.url));
    const floor = await timeParseFloor(output, dir);
    const report = await timeReport(cli, output, false, dir);
    const json = await timeReport(cli, output, true, dir);
    const app = await timeApp(output);
    console.log(
      `  parse every line ${floor.ms.toFixed(0)} ms, ${floor.peakMiB.toFixed(0)} MiB; report ${report.ms.toFixed(0)} ms, ` +
        `${report.peakMiB.toFixed(0)} MiB; --json ${json.ms.toFixed(0)} ms, ${json.peakMiB.toFixed(0)} MiB`,
    );
    console.log(
      `  app: Dashboard ${app.dashboardMs.toFixed(0)} ms, flame ${app.flameMs.toFixed(0)} ms; server peak ` +
        `${app.serverPeakMiB.toFixed(0)} MiB; page JS heap ${app.pageHeapUsedMiB.toFixed(0)} of ${app.pageHeapTotalMiB.toFixed(0)} MiB`,
    );
    const floorName = 'node: JSON.parse every line';
    return [
      flat(samples, 'recorder RSS', (s) => s.recorderRssMiB),
      flat(samples, 'recorder V8 heap', (s) => s.recorderHeapMiB),
      flat(samples, 'target RSS', (s) => s.targetRssMiB),
      figure(
        'recorder peak RSS',
        run.recorderPeakMiB,
        quarterMedian(samples, DURATION_S, 2, (s) => s.recorderRssMiB),
        'MiB',
        'median RSS, 2nd quarter',
      ),
      figure(
        'file growth, last qtr',
        quarterRatePerHour(samples, DURATION_S, 4, (s) => s.fileMiB),
        quarterRatePerHour(samples, DURATION_S, 2, (s) => s.fileMiB),
        'MiB/h',
        'growth, 2nd quarter',
      ),
      figure('report time', report.ms, floor.ms, 'ms', floorName),
      figure('report peak RSS', report.peakMiB, floor.peakMiB, 'MiB', floorName),
      figure('report --json time', json.ms, floor.ms, 'ms', floorName),
      figure('report --json peak RSS', json.peakMiB, floor.peakMiB, 'MiB', floorName),
      figure('app to Dashboard', app.dashboardMs, floor.ms, 'ms', floorName),
      figure('app to flame graph', app.flameMs, floor.ms, 'ms', floorName),
      figure('app server peak RSS', app.serverPeakMiB, floor.peakMiB, 'MiB', floorName),
      figure('app page JS heap', app.pageHeapUsedMiB, fileMiB, 'MiB', 'the session file'),
    ];
  },
};
