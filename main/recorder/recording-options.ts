/** What a recording collects and how often. Times in ms unless named otherwise. */
import type { PromiseOptions } from '../../core/chains/promise-section';

export interface RecordingOptions {
  /** The session file to write. */
  output: string;
  /** Collection interval, ms (default 1000). */
  intervalMs: number;
  /** Stop by itself after this long, ms; null to record until stopped. */
  durationMs: number | null;
  /**
   * Keep only about the last this-many ms, written out when the recording ends or on demand
   * (`record --ring`, `main/session/ring-session-writer.ts`); null or absent: keep everything.
   */
  ringMs?: number | null;
  cpu: boolean;
  heap: boolean;
  promises: boolean;
  /** Walk the heap once at attach for pools made before it and idle since (`--find-idle-pools`; costly). */
  findIdlePools?: boolean;
  /**
   * Take heap snapshots at the start and the end of the recording and store what grew and what holds
   * it (`--retainers`; `main/retainers/`). Off by default: each snapshot stops the target while V8
   * writes it.
   */
  retainers?: boolean;
  /** With `retainers`: also keep the raw snapshots beside the session file, for DevTools (`--keep-snapshots`). */
  keepSnapshots?: boolean;
  /** Knobs of the agent's promise-chain collector (unset: its defaults); ignored when `promises` is false. */
  promiseOptions?: PromiseOptions;
  /** µs between CPU samples (default 10,000: ~100 Hz; `--detail` 1000). */
  cpuSamplingIntervalUs: number;
  /** Average bytes between allocation samples (default 512 KiB; `--detail` 32 KiB). */
  heapSamplingIntervalBytes: number;
  /**
   * Length of the first two profiling windows, ms (default 5 s, so even a short recording has an
   * allocated and a still-alive window); later ones grow to a minute, allocation ones to five
   * (`profile-windows.ts`). CPU and allocation profiles restart each window, so a target that dies
   * loses at most one window, and V8's sample buffers stay bounded.
   */
  profileWindowMs: number;
  /**
   * A collection that takes longer than this is unanswered, ms; two in a row mean the target is frozen.
   * Default (undefined): twice the interval, at least 2 s (`collectTimeoutFor`).
   */
  collectTimeoutMs?: number;
}

/** How often V8's profilers sample: µs between CPU samples, average bytes between allocation samples. */
export type SamplingIntervals = Pick<RecordingOptions, 'cpuSamplingIntervalUs' | 'heapSamplingIntervalBytes'>;

/**
 * A default recording samples as the profilers people leave on in production do (dd-trace's: ~99 Hz,
 * 512 KiB): cheap enough to leave running, and every finding holds at them (docs/performance.md).
 */
export const PRODUCTION_SAMPLING: SamplingIntervals = {
  cpuSamplingIntervalUs: 10_000,
  heapSamplingIntervalBytes: 512 * 1024,
};

/**
 * `--detail`, for a short investigation: 10× the CPU samples and allocation sizes exact from ~70 KiB up,
 * at several times the cost.
 */
export const DETAIL_SAMPLING: SamplingIntervals = {
  cpuSamplingIntervalUs: 1000,
  heapSamplingIntervalBytes: 32 * 1024,
};

export const DEFAULT_RECORDING_OPTIONS: Omit<RecordingOptions, 'output'> = {
  intervalMs: 1000,
  durationMs: null,
  cpu: true,
  heap: true,
  promises: true,
  ...PRODUCTION_SAMPLING,
  profileWindowMs: 5000,
};
