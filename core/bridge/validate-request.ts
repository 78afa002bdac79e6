/**
 * Checks a request payload that crossed a trust boundary (IPC from a renderer, a WebSocket message) against
 * the contract before any handler sees it. Throws `InvalidRequestError` with one line naming the fault.
 */
import type {
  AttachTarget,
  ExportFormat,
  ExportProfileKind,
  RequestChannel,
  RequestOf,
  SessionSource,
  StartRecordingRequest,
} from './contract';
import { EXPORT_FORMATS } from '../export/export-profile';
import { PROFILE_KINDS } from '../import/profile-set';
import {
  CPU_SAMPLING_INTERVAL_US,
  HEAP_SAMPLING_INTERVAL_BYTES,
  MIN_RING_SPAN_MS,
  withinBounds,
} from '../session/recording-bounds';
import { formatDurationMs } from '../units/duration';
import type { Bounds } from '../session/recording-bounds';

export class InvalidRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidRequestError';
  }
}

/** Bounds that keep a hostile payload from costing much: 64 KiB of command line, 1 GiB of session text. */
const MAX_COMMAND_CHARS = 64 * 1024;
const MAX_SESSION_TEXT_CHARS = 1024 * 1024 * 1024;

type Validator = (payload: unknown) => unknown;

const VALIDATORS: { [C in RequestChannel]: (payload: unknown) => RequestOf<C> } = {
  getState: none,
  listProcesses: none,
  listDemoScenarios: none,
  attach: attachTarget,
  detach: none,
  startRecording: recordingOptions,
  stopRecording: none,
  saveRing: none,
  takeHeapSnapshot: none,
  mark: (p) => ({ label: string(record(p, 'mark').label, 'label', 200) }),
  pickSessionFile: none,
  openSession: sessionSource,
  saveSession: (p) => {
    const o = record(p ?? {}, 'saveSession');
    return o.path === undefined ? {} : { path: string(o.path, 'path', 4096) };
  },
  exportSession: (p) => {
    const o = record(p, 'exportSession');
    if (!EXPORT_FORMATS.includes(o.format as ExportFormat)) fail(`unknown export format ${String(o.format)}`);
    if (o.profile !== undefined && !PROFILE_KINDS.includes(o.profile as ExportProfileKind))
      fail('profile must be cpu, alloc or chains');
    return {
      format: o.format as ExportFormat,
      ...(o.profile ? { profile: o.profile as ExportProfileKind } : {}),
      ...(o.part !== undefined ? { part: string(o.part, 'part', 256) } : {}),
    };
  },
  diffSessions: (p) => ({ base: sessionSource(record(p, 'diffSessions').base) }),
  getChain: (p) => ({ groupId: string(record(p, 'getChain').groupId, 'groupId', 1024) }),
};

/** The payload, checked for `channel`; throws `InvalidRequestError` when it does not fit. */
export function validateRequest<C extends RequestChannel>(channel: C, payload: unknown): RequestOf<C> {
  const validator: Validator | undefined = VALIDATORS[channel];
  if (!validator) fail(`unknown channel ${String(channel)}`);
  return validator(payload) as RequestOf<C>;
}

function attachTarget(p: unknown): AttachTarget {
  const o = record(p, 'attach');
  switch (o.kind) {
    case 'pid': {
      const pid = o.pid;
      if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0)
        fail('pid must be a positive integer');
      return { kind: 'pid', pid };
    }
    case 'url':
      return { kind: 'url', url: string(o.url, 'url', 2048), allowRemote: o.allowRemote === true };
    case 'launch': {
      if (!Array.isArray(o.command) || o.command.length === 0) fail('command must be a non-empty list');
      const command = o.command.map((part, i) => string(part, `command[${i}]`, MAX_COMMAND_CHARS));
      return { kind: 'launch', command };
    }
    case 'demo':
      return { kind: 'demo', scenario: string(o.scenario, 'scenario', 100) };
    default:
      return fail(`unknown attach kind ${String(o.kind)}`);
  }
}

const UI_RECORDING_KEYS = [
  'intervalMs',
  'durationMs',
  'cpu',
  'heap',
  'promises',
  'cpuSamplingIntervalUs',
  'heapSamplingIntervalBytes',
  'retainers',
  'ringMs',
] as const satisfies readonly (keyof StartRecordingRequest)[];

/**
 * The recording options the UI may set, and nothing else: the recorder's other knobs (profile window,
 * collect timeout, promise collector) are not the renderer's to change. Sampling intervals and the ring
 * are held to the bounds the CLI enforces.
 */
function recordingOptions(p: unknown): StartRecordingRequest {
  const o = record(p ?? {}, 'startRecording');
  const unknown = Object.keys(o).filter((key) => !(UI_RECORDING_KEYS as readonly string[]).includes(key));
  if (unknown.length) fail(`startRecording does not take ${unknown.join(', ')}`);
  const options: StartRecordingRequest = {};
  if (o.intervalMs != null) options.intervalMs = positiveNumber(o.intervalMs, 'intervalMs');
  if (o.durationMs !== undefined)
    options.durationMs = o.durationMs === null ? null : positiveNumber(o.durationMs, 'durationMs');
  for (const key of ['cpu', 'heap', 'promises', 'retainers'] as const)
    if (o[key] != null) {
      if (typeof o[key] !== 'boolean') fail(`${key} must be true or false`);
      options[key] = o[key];
    }
  if (o.cpuSamplingIntervalUs != null)
    options.cpuSamplingIntervalUs = bounded(
      o.cpuSamplingIntervalUs,
      'cpuSamplingIntervalUs',
      CPU_SAMPLING_INTERVAL_US,
    );
  if (o.heapSamplingIntervalBytes != null)
    options.heapSamplingIntervalBytes = bounded(
      o.heapSamplingIntervalBytes,
      'heapSamplingIntervalBytes',
      HEAP_SAMPLING_INTERVAL_BYTES,
    );
  if (o.ringMs != null) options.ringMs = ringMs(o.ringMs, options.durationMs ?? null);
  return options;
}

/** Like `record --ring`: at least {@link MIN_RING_SPAN_MS}, and shorter than a duration given with it. */
function ringMs(v: unknown, durationMs: number | null): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < MIN_RING_SPAN_MS)
    fail(
      `ringMs must be a number of ms, at least ${MIN_RING_SPAN_MS} (${formatDurationMs(MIN_RING_SPAN_MS)})`,
    );
  if (durationMs !== null && durationMs <= v)
    fail(`a ring of ${formatDurationMs(v)} would keep all of a ${formatDurationMs(durationMs)} recording`);
  return Math.round(v);
}

function sessionSource(p: unknown): SessionSource {
  const o = record(p, 'session source');
  if (o.kind === 'path') return { kind: 'path', path: string(o.path, 'path', 4096) };
  if (o.kind === 'contents') {
    const text = o.text;
    if (typeof text !== 'string' || text.length > MAX_SESSION_TEXT_CHARS)
      fail('text must be a string under 1 GiB');
    return { kind: 'contents', name: string(o.name, 'name', 1024), text };
  }
  return fail(`unknown session source ${String(o.kind)}`);
}

function none(p: unknown): void {
  if (p !== undefined && p !== null) fail('this channel takes no argument');
}

function record(p: unknown, what: string): Record<string, unknown> {
  if (typeof p !== 'object' || p === null || Array.isArray(p)) fail(`${what} expects an object`);
  return p as Record<string, unknown>;
}

function string(v: unknown, name: string, maxLength: number): string {
  if (typeof v !== 'string' || v.length === 0 || v.length > maxLength)
    fail(`${name} must be a non-empty string of at most ${maxLength} characters`);
  if (v.includes('\0')) fail(`${name} must not contain NUL`);
  return v;
}

function positiveNumber(v: unknown, name: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) fail(`${name} must be a positive number`);
  return v;
}

function bounded(v: unknown, name: string, bounds: Bounds): number {
  if (typeof v !== 'number' || !withinBounds(v, bounds))
    fail(`${name} must be a number from ${bounds.min} to ${bounds.max}`);
  return v;
}

function fail(message: string): never {
  throw new InvalidRequestError(message);
}
