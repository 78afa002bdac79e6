/** The recorder's options for the flags of `hyperscope record` (also read in-process from HYPERSCOPE_OPTIONS). */
import {
  DEFAULT_RECORDING_OPTIONS,
  DETAIL_SAMPLING,
  type RecordingOptions,
} from '../recorder/recording-options';
import type { RecordArgs } from './parse-record-args';

/** `args` over the recorder's defaults, writing to `output`. */
export function recordingOptionsOf(args: RecordArgs, output: string): RecordingOptions {
  const sampling = args.detail ? DETAIL_SAMPLING : DEFAULT_RECORDING_OPTIONS;
  return {
    ...DEFAULT_RECORDING_OPTIONS,
    output,
    durationMs: args.durationMs,
    // Only a ring recording names a ring: options without one are a plain recording's, as before.
    ...(args.ringMs ? { ringMs: args.ringMs } : {}),
    intervalMs: args.intervalMs,
    cpu: args.cpu,
    heap: args.heap,
    promises: args.promises,
    promiseOptions: args.promiseOptions,
    findIdlePools: args.findIdlePools,
    ...(args.retainers ? { retainers: true } : {}),
    ...(args.keepSnapshots ? { keepSnapshots: true } : {}),
    // `--detail` sets both intervals; either one given on its own still wins.
    cpuSamplingIntervalUs: args.cpuIntervalUs ?? sampling.cpuSamplingIntervalUs,
    heapSamplingIntervalBytes: args.heapIntervalBytes ?? sampling.heapSamplingIntervalBytes,
  };
}
