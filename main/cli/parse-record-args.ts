/** Arguments of `hyperscope record`, checked; every mistake is one {@link UserError} line. */
import type { PromiseOptions } from '../../core/chains/promise-section';
import {
  CPU_SAMPLING_INTERVAL_US,
  HEAP_SAMPLING_INTERVAL_BYTES,
  withinBounds,
} from '../../core/session/recording-bounds';
import { formatDurationMs, parseDurationMs } from '../../core/units/duration';
import { MIN_RING_SPAN_MS } from '../session/ring-session-writer';
import type { FollowChoice } from '../sources/followers';
import { parseCommandArgs, UserError } from './command';

export type RecordTarget =
  | { kind: 'pid'; pid: number }
  | { kind: 'url'; url: string; allowRemote: boolean }
  | { kind: 'launch'; command: string; args: string[]; keep: boolean };

export interface RecordArgs {
  target: RecordTarget;
  output: string | null;
  durationMs: number | null;
  /** `--ring`: keep only about the last this-many ms; null keeps everything. */
  ringMs: number | null;
  intervalMs: number;
  cpu: boolean;
  heap: boolean;
  promises: boolean;
  /** Knobs of the promise-chain collector given on the command line (`--promise-budget`, `--promise-stacks`). */
  promiseOptions: PromiseOptions;
  quiet: boolean;
  /** µs between CPU samples; null for the recorder's default. */
  cpuIntervalUs: number | null;
  /** Average bytes between allocation samples; null for the recorder's default. */
  heapIntervalBytes: number | null;
  /** `--detail`: sample as a short investigation does (1 ms, 32 KiB) rather than as production does. */
  detail: boolean;
  /** `--find-idle-pools`: walk the heap at attach for pools made before it and idle since. */
  findIdlePools: boolean;
  /** `--retainers`: heap snapshots at start and end, and what holds the growth. */
  retainers: boolean;
  /** `--keep-snapshots`: with `--retainers`, keep the raw `.heapsnapshot` files beside the session. */
  keepSnapshots: boolean;
  /** Which other processes and threads to record beside the target (`--no-workers`, `--no-threads`). */
  follow: FollowChoice;
}

export function parseRecordArgs(argv: string[]): RecordArgs {
  const dash = argv.indexOf('--');
  const own = dash === -1 ? argv : argv.slice(0, dash);
  const launch = dash === -1 ? [] : argv.slice(dash + 1);
  const { values } = parseCommandArgs({
    args: own,
    options: {
      ...RUNNING_TARGET_OPTIONS,
      keep: { type: 'boolean', default: false },
      duration: { type: 'string' },
      ring: { type: 'string' },
      interval: { type: 'string', default: '1s' },
      output: { type: 'string', short: 'o' },
      'no-cpu': { type: 'boolean', default: false },
      'no-heap': { type: 'boolean', default: false },
      'no-promises': { type: 'boolean', default: false },
      'promise-budget': { type: 'string' },
      'promise-stacks': { type: 'string' },
      'cpu-interval': { type: 'string' },
      'heap-interval': { type: 'string' },
      detail: { type: 'boolean', default: false },
      'find-idle-pools': { type: 'boolean', default: false },
      retainers: { type: 'boolean', default: false },
      'keep-snapshots': { type: 'boolean', default: false },
      'no-workers': { type: 'boolean', default: false },
      'no-threads': { type: 'boolean', default: false },
      quiet: { type: 'boolean', short: 'q', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const chosen = [values.pid !== undefined, values.url !== undefined, launch.length > 0].filter(
    Boolean,
  ).length;
  if (chosen !== 1)
    throw new UserError('say what to record: --pid PID, --url HOST:PORT, or -- COMMAND ARGS…', 2);
  const durationMs = values.duration === undefined ? null : duration(values.duration, '--duration');
  if (values['keep-snapshots'] && !values.retainers)
    throw new UserError('--keep-snapshots keeps the snapshots --retainers takes: add --retainers', 2);
  return {
    target: target(values.pid, values.url, values['allow-remote'], launch, values.keep),
    output: values.output ?? null,
    durationMs,
    ringMs: values.ring === undefined ? null : ring(values.ring, durationMs),
    intervalMs: duration(values.interval, '--interval'),
    cpu: !values['no-cpu'],
    heap: !values['no-heap'],
    promises: !values['no-promises'],
    promiseOptions: {
      ...(values['promise-budget'] === undefined
        ? {}
        : { overheadBudget: promiseBudget(values['promise-budget']) }),
      ...(values['promise-stacks'] === undefined
        ? {}
        : { stacksPerSecond: promiseStacks(values['promise-stacks']) }),
    },
    quiet: values.quiet,
    cpuIntervalUs: values['cpu-interval'] === undefined ? null : cpuInterval(values['cpu-interval']),
    heapIntervalBytes: values['heap-interval'] === undefined ? null : heapInterval(values['heap-interval']),
    detail: values.detail,
    findIdlePools: values['find-idle-pools'],
    retainers: values.retainers,
    keepSnapshots: values['keep-snapshots'],
    follow: { workers: !values['no-workers'], threads: !values['no-threads'] },
  };
}

function target(
  pid: string | undefined,
  url: string | undefined,
  allowRemote: boolean,
  launch: string[],
  keep: boolean,
): RecordTarget {
  const running = runningTarget(pid, url, allowRemote);
  if (running) return running;
  const [command, ...args] = launch as [string, ...string[]];
  return { kind: 'launch', command, args, keep };
}

/** The options that name a running process (`record`, `chains`): read by {@link runningTarget}. */
export const RUNNING_TARGET_OPTIONS = {
  pid: { type: 'string' },
  url: { type: 'string' },
  'allow-remote': { type: 'boolean', default: false },
} as const;

/** The running process `--pid PID` or `--url HOST:PORT` names (`record`, `chains`); undefined without either. */
export function runningTarget(
  pid: string | undefined,
  url: string | undefined,
  allowRemote: boolean,
): Exclude<RecordTarget, { kind: 'launch' }> | undefined {
  if (pid !== undefined) {
    if (!/^\d+$/.test(pid) || Number(pid) <= 0)
      throw new UserError(`--pid needs a process id, not "${pid}"`, 2);
    return { kind: 'pid', pid: Number(pid) };
  }
  if (url !== undefined) return { kind: 'url', url, allowRemote };
  return undefined;
}

function duration(text: string, flag: string): number {
  const ms = parseDurationMs(text);
  if (ms === null) throw new UserError(`${flag} needs a duration like 30s, 500ms or 2m, not "${text}"`, 2);
  return ms;
}

/** `--ring`: at least {@link MIN_RING_SPAN_MS}, and shorter than a `--duration` given with it. */
function ring(text: string, durationMs: number | null): number {
  const ms = duration(text, '--ring');
  if (ms < MIN_RING_SPAN_MS)
    throw new UserError(`--ring needs at least ${formatDurationMs(MIN_RING_SPAN_MS)}, not "${text}"`, 2);
  if (durationMs !== null && durationMs <= ms)
    throw new UserError(
      `--ring ${text} would keep all of a --duration ${formatDurationMs(durationMs)} recording: make --duration longer or leave --ring out`,
      2,
    );
  return ms;
}

const BYTE_UNITS: Record<string, number> = {
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1 << 20,
  mb: 1 << 20,
  mib: 1 << 20,
};

/** `--heap-interval`: bytes, with an optional unit (`32KiB`, `4k`, `1MiB`, `512`). */
function heapInterval(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const bytes = match ? Number(match[1]) * (BYTE_UNITS[(match[2] || 'b').toLowerCase()] ?? NaN) : NaN;
  if (!withinBounds(bytes, HEAP_SAMPLING_INTERVAL_BYTES))
    throw new UserError(
      `--heap-interval needs a size from 128 to 64MiB like 32KiB or 4096, not "${text}"`,
      2,
    );
  return Math.round(bytes);
}

/** `--cpu-interval`: µs, or with a unit (`500us`, `250µs`, `2ms`). */
function cpuInterval(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(us|µs|ms)?\s*$/.exec(text);
  const us = match ? Number(match[1]) * (match[2] === 'ms' ? 1000 : 1) : NaN;
  if (!withinBounds(us, CPU_SAMPLING_INTERVAL_US))
    throw new UserError(`--cpu-interval needs 50us to 1000ms like 1000 (µs), 500us or 2ms, not "${text}"`, 2);
  return Math.round(us);
}

/** `--promise-budget`: the share of throughput hooks may cost, `2%` or `0.02` (100% keeps them on). */
function promiseBudget(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  const share = match ? Number(match[1]) / (match[2] ? 100 : 1) : NaN;
  if (!(share > 0 && share <= 1))
    throw new UserError(
      `--promise-budget needs a share above 0 up to 100% like 2% or 0.02, not "${text}"`,
      2,
    );
  return share;
}

/** `--promise-stacks`: creation stacks captured per second of hooks-on time. */
function promiseStacks(text: string): number {
  const stacks = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!(stacks >= 0 && stacks <= 1_000_000))
    throw new UserError(`--promise-stacks needs a count per second from 0 to 1000000, not "${text}"`, 2);
  return stacks;
}
