/** The recorder's options for the flags of `hyperscope record` (also read in-process from HYPERSCOPE_OPTIONS). */
import { DEFAULT_RECORDING_OPTIONS, type RecordingOptions } from '../recorder/recording-options';
import type { RecordArgs } from './parse-record-args';

/** `args` over the recorder's defaults, writing to `output`. */
export function recordingOptionsOf(args: RecordArgs, output: string): RecordingOptions {
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
    cpuSamplingIntervalUs: args.cpuIntervalUs ?? DEFAULT_RECORDING_OPTIONS.cpuSamplingIntervalUs,
    heapSamplingIntervalBytes: args.heapIntervalBytes ?? DEFAULT_RECORDING_OPTIONS.heapSamplingIntervalBytes,
  };
}
