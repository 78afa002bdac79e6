/**
 * What the record-cost bench compares (`record-cost.ts`): each regime is a fresh target process, and
 * a regime is only how that process is started and what is attached to it. Add a regime by adding one
 * line to REGIMES. The first regime is the baseline every other one is divided by.
 *
 * `@datadog/pprof` at dd-trace's defaults, as dd-trace-js's profiler starts it on Linux (its
 * packages/dd-trace/src/profiling: config.js, profilers/wall.js and profilers/space.js): the wall
 * profiler at `1e6 / 99` µs (99 Hz) with contexts and CPU time (code hotspots, endpoints, timeline and
 * CPU profiling all default on where sampling contexts exist), no line numbers, the V8 bug workaround,
 * a 65 s flush period; heap sampling every 512 KiB, 64 frames deep. Not reproduced, so this is a floor of
 * what dd-trace's profiler costs: its async_hooks `before` hook and span channels (they need the tracer's
 * spans), its timeline events profiler, out-of-memory monitoring, and the export every 65 s (a target
 * here lives seconds).
 */
import { createRequire } from 'node:module';
import type { time } from '@datadog/pprof';
import { DEFAULT_RECORDING_OPTIONS, type RecordingOptions } from '../main/recorder/recording-options';
import { OPEN_INSPECTOR_SNIPPET, type RecordingOverrides } from './attach-hyperscope';

/** A profiler the target loads itself at start, as `require`d by the entry script (`REGIME_ENTRY`). */
export interface InProcessProfiler {
  /** Resolved path of `@datadog/pprof`: the target runs from a temp dir, outside node_modules' reach. */
  module: string;
  /** `time.start` options, µs and ms. */
  time: NonNullable<Parameters<typeof time.start>[0]>;
  /** `heap.start(intervalBytes, stackDepth)`. */
  heap: { intervalBytes: number; stackDepth: number };
}

export interface Regime {
  /** Short id, printed and accepted by HS_BENCH_REGIMES, e.g. 'hyperscope-defaults'. */
  name: string;
  /** A profiler the target starts in-process before the service; unset: none. */
  inProcess?: InProcessProfiler;
  /**
   * Hyperscope `record` attached over the inspector with these options laid over
   * DEFAULT_RECORDING_OPTIONS, read when attaching; unset: nothing attached.
   */
  record?: () => RecordingOverrides;
  /** Run only when named in HS_BENCH_REGIMES: a part of the cost, for finding where it goes. */
  onlyWhenNamed?: boolean;
}

export const DD_TRACE_PPROF: InProcessProfiler = {
  module: createRequire(import.meta.url).resolve('@datadog/pprof'),
  time: {
    intervalMicros: 1e6 / 99,
    durationMillis: 65_000,
    withContexts: true,
    lineNumbers: false,
    workaroundV8Bug: true,
    collectCpuTime: true,
  },
  heap: { intervalBytes: 512 * 1024, stackDepth: 64 },
};

/** Recording at these sampling intervals, the rest at the defaults. */
const sampling = (cpuSamplingIntervalUs: number, heapSamplingIntervalBytes: number) => () => ({
  cpuSamplingIntervalUs,
  heapSamplingIntervalBytes,
});

export const REGIMES: Regime[] = [
  { name: 'baseline' },
  { name: 'datadog-pprof', inProcess: DD_TRACE_PPROF },
  // Whatever `hyperscope record` does with no flags, read from DEFAULT_RECORDING_OPTIONS when attaching.
  { name: 'hyperscope-defaults', record: () => ({}) },
  { name: 'hyperscope-10ms-512k', record: sampling(10_000, 512 * 1024) },
  // `--detail`: today's short-investigation intervals.
  { name: 'hyperscope-1ms-32k', record: sampling(1000, 32 * 1024) },
  // Whether the CPU profiler's rate matters at production heap sampling (HS_BENCH_REGIMES=…,hyperscope-1ms-512k).
  { name: 'hyperscope-1ms-512k', record: sampling(1000, 512 * 1024), onlyWhenNamed: true },
  // Where the cost goes: the defaults with parts off (HS_BENCH_REGIMES=hyperscope-defaults,hyperscope-no-cpu,…).
  { name: 'hyperscope-no-promises', record: () => ({ promises: false }), onlyWhenNamed: true },
  { name: 'hyperscope-no-cpu', record: () => ({ cpu: false }), onlyWhenNamed: true },
  { name: 'hyperscope-no-heap', record: () => ({ heap: false }), onlyWhenNamed: true },
  { name: 'hyperscope-no-profilers', record: () => ({ cpu: false, heap: false }), onlyWhenNamed: true },
  // The defaults with no window ending while measured: what a window's end (its forced GC) costs.
  { name: 'hyperscope-one-window', record: () => ({ profileWindowMs: 600_000 }), onlyWhenNamed: true },
  // The promise collector's parts, the profilers off: hooks on at most ~0.3% of the time (its fixed cost
  // per collection), or its settle checks off (what reading promise states costs).
  {
    name: 'hyperscope-promises-rare',
    record: () => ({ cpu: false, heap: false, promiseOptions: { overheadBudget: 0.0001 } }),
    onlyWhenNamed: true,
  },
  {
    name: 'hyperscope-promises-no-checks',
    record: () => ({ cpu: false, heap: false, promiseOptions: { checksPerCollect: 0 } }),
    onlyWhenNamed: true,
  },
  {
    name: 'hyperscope-agent-only',
    record: () => ({ cpu: false, heap: false, promises: false }),
    onlyWhenNamed: true,
  },
];

/** The regime whose cost the bench compares with `@datadog/pprof`'s. */
export const DEFAULTS_REGIME = 'hyperscope-defaults';
export const PPROF_REGIME = 'datadog-pprof';

/** The recording options a regime attaches with, complete; null when it attaches nothing. */
export function recordingOptionsOf(regime: Regime): Omit<RecordingOptions, 'output'> | null {
  return regime.record ? { ...DEFAULT_RECORDING_OPTIONS, ...regime.record() } : null;
}

/** What a regime does, for the header: its sampling intervals. */
export function describeRegime(regime: Regime): string {
  const options = recordingOptionsOf(regime);
  if (options)
    return [
      'hyperscope record',
      options.cpu ? `CPU every ${options.cpuSamplingIntervalUs / 1000} ms` : 'no CPU profile',
      options.heap ? `heap every ${options.heapSamplingIntervalBytes / 1024} KiB` : 'no allocation sampling',
      ...(options.promises ? [] : ['no promise chains']),
    ].join(', ');
  if (regime.inProcess)
    return `@datadog/pprof in-process, wall ${Math.round(1e6 / (regime.inProcess.time.intervalMicros ?? 1000))} Hz, heap every ${regime.inProcess.heap.intervalBytes / 1024} KiB`;
  return 'nothing attached';
}

/**
 * Regimes whose recordings would be the same as an earlier one's (e.g. the defaults once they are the
 * 10 ms / 512 KiB intervals) are measured once: name → the regime measured in its place.
 */
export function sameAs(regimes: Regime[]): Map<string, string> {
  const seen = new Map<string, string>();
  const out = new Map<string, string>();
  for (const regime of regimes) {
    const options = recordingOptionsOf(regime);
    if (!options) continue;
    const key = JSON.stringify(options);
    const first = seen.get(key);
    if (first) out.set(regime.name, first);
    else seen.set(key, regime.name);
  }
  return out;
}

/** The signal that starts a target's in-process profiler (`REGIME_ENTRY`), as Hyperscope attaches. */
export const START_IN_PROCESS_SIGNAL = 'SIGUSR2';

/**
 * The target's entry script (written to a temp dir): opens the inspector when Hyperscope will attach
 * (`HS_INSPECTOR_FILE`), loads the in-process profiler of `HS_IN_PROCESS` (JSON of InProcessProfiler)
 * and starts it on START_IN_PROCESS_SIGNAL — so every regime's target is first measured with nothing
 * on — then runs the service at `HS_SERVICE`.
 */
export const REGIME_ENTRY = `${OPEN_INSPECTOR_SNIPPET}
if (process.env.HS_IN_PROCESS) {
  const { module, time, heap } = JSON.parse(process.env.HS_IN_PROCESS);
  const pprof = require(module);
  process.once('${START_IN_PROCESS_SIGNAL}', () => {
    pprof.time.start(time);
    pprof.heap.start(heap.intervalBytes, heap.stackDepth);
  });
}
require(process.env.HS_SERVICE);
`;
