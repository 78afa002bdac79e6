/**
 * What the host's main thread and the recorder worker tell each other in in-process mode. The main
 * thread only starts the worker, forwards the stop signal and prints what it hears; the worker records.
 */
import type { EndReason } from '../recorder/recording';

/** Main thread → worker. */
export type ToRecorder = { type: 'stop' };

/** Worker → main thread. */
export type FromRecorder =
  | { type: 'started'; path: string }
  | {
      type: 'stopped';
      path: string;
      reason: EndReason;
      /** One line when the recording ended by itself for another reason than its duration. */
      message?: string;
      snapshots: number;
      /** ms */
      durationMs: number;
      /** CPU time the recorder thread used, ms; null where the platform cannot tell. */
      recorderCpuMs: number | null;
    }
  /** No recording was made: the message is one line for the user (bad HYPERSCOPE_* value, unwritable DIR…). */
  | { type: 'failed'; message: string };
