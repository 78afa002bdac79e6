/** What `startRecording` hands back: a running recording, its progress and its result. */
import type { AgentSnapshot } from '../../core/agent-protocol';
import type { EndRecord, MarkRecord } from '../../core/session/records';
import type { RecordingOptions } from './recording-options';
import type { HeapGrowth } from '../../core/retainers/heap-growth';
import type { RingSaved } from '../session/ring-session-writer';

export type EndReason = EndRecord['reason'];

export interface RecordingProgress {
  /** ms since the recording started. */
  elapsedMs: number;
  snapshots: number;
  last: AgentSnapshot | null;
}

export interface RecordingResult {
  path: string;
  reason: EndReason;
  /** One line for the user when the recording did not end as asked. */
  message?: string;
  snapshots: number;
  durationMs: number;
  /** A ring recording: what its file kept (`snapshots` and `durationMs` count the whole recording). */
  ring?: RingSaved;
}

export interface Recording {
  readonly path: string;
  /** Writes a mark at the current time; null when the recording is already finishing (nothing written). */
  mark(label: string): MarkRecord | null;
  onProgress(listener: (progress: RecordingProgress) => void): () => void;
  /** Stops (idempotent) and resolves when the file is closed and the target left as it was. */
  stop(reason?: EndReason): Promise<RecordingResult>;
  readonly finished: Promise<RecordingResult>;
  /**
   * A ring recording (`RecordingOptions.ringMs`) only: writes the last span as recorded so far to a new
   * session file `path` and goes on recording (the profile window under way is not in it yet).
   */
  saveRing?: (path: string) => Promise<RingSaved>;
  /**
   * With `retainers` only: takes a heap snapshot now, writes what grew since the first one (a
   * `heap-growth` record) and returns it; rejects when the snapshot fails or the recording has ended.
   */
  compareHeap?: () => Promise<HeapGrowth>;
  /** Calls `<collector>.<method>` in the target's agent (the current connection's); rejects once the recording ends. */
  callAgent(method: string, arg?: unknown): Promise<unknown>;
}

/** How long one collection may take before it counts as unanswered, ms: 2 intervals, at least 2 s. */
export function collectTimeoutFor(
  options: Pick<RecordingOptions, 'intervalMs' | 'collectTimeoutMs'>,
): number {
  return options.collectTimeoutMs ?? Math.max(2000, 2 * options.intervalMs);
}
