/** The header record a recording of an attached target starts with (also the header of its live findings). */
import type { HeaderRecord } from '../../core/session/records';
import { SESSION_SCHEMA } from '../../core/session/records';
import type { AttachedTarget } from '../inspector/attached-target';
import type { RecordingOptions } from './recording-options';

/**
 * The header for recording `target` with `options` by Hyperscope `version`, created at `createdAt`
 * (ms since the epoch). `argv` is empty: the agent's hello tells it, after the header is built.
 */
export function recordingHeader(
  target: Pick<AttachedTarget, 'pid' | 'nodeVersion' | 'attachedBy' | 'inspectorUrl'>,
  options: RecordingOptions,
  version: string,
  createdAt: number,
): HeaderRecord {
  return {
    type: 'header',
    schema: SESSION_SCHEMA,
    hyperscope: version,
    createdAt,
    target: {
      pid: target.pid,
      nodeVersion: target.nodeVersion,
      argv: [],
      attachedBy: target.attachedBy,
      // In-process there is no inspector URL: the field is left out rather than empty.
      ...(target.inspectorUrl ? { inspectorUrl: target.inspectorUrl } : {}),
    },
    options: {
      intervalMs: options.intervalMs,
      durationMs: options.durationMs,
      cpu: options.cpu,
      heap: options.heap,
      promises: options.promises,
      cpuSamplingIntervalUs: options.cpuSamplingIntervalUs,
      heapSamplingIntervalBytes: options.heapSamplingIntervalBytes,
      ...(options.retainers ? { retainers: true } : {}),
    },
  };
}
