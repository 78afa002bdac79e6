/**
 * The mutable state one recording shares between its collection loop, its connection watch and its
 * finish: which link is current, how many snapshots, whether the target froze or is exiting.
 */
import type { AgentSnapshot } from '../../core/agent-protocol';
import type { SessionRecord } from '../../core/session/records';
import type { AttachedTarget } from '../inspector/attached-target';
import type { SessionWriter } from '../session/session-writer';
import type { Reconnection } from './reconnect-target';
import type { EndReason, RecordingProgress, RecordingResult } from './recording';
import type { RecordingOptions } from './recording-options';
import type { ProfileKind } from './profile-windows';
import type { TargetLink } from './target-link';
import { addProfiledUrls } from './inline-source-maps';
import type { HeapGrowthTracker } from '../retainers/heap-growth-tracker';

export interface RecordingState {
  /** Names the recording to the agent, the same across reconnections (it owns the agent's heap profile). */
  readonly id: string;
  readonly target: AttachedTarget;
  readonly options: RecordingOptions;
  readonly writer: SessionWriter;
  /** ms since the epoch. */
  readonly startedAt: number;
  /** See `collectTimeoutFor`, ms. */
  readonly collectTimeoutMs: number;
  readonly listeners: Set<(progress: RecordingProgress) => void>;
  /** The agent and samplers in use; replaced after a reconnection. */
  link: TargetLink;
  snapshots: number;
  last: AgentSnapshot | null;
  /** Collections in a row that got no answer. */
  unanswered: number;
  frozen: boolean;
  exiting: boolean;
  reconnection: Reconnection | null;
  /** Script urls the profiles written so far name (their inline maps are asked for at the end). */
  readonly profiledUrls: Set<string>;
  /** Each profiler's current window: CPU and allocation windows end apart (`profile-windows.ts`). */
  readonly windows: Record<ProfileKind, ProfileWindow>;
  timer: NodeJS.Timeout | undefined;
  /** The first heap snapshot's census, with `retainers` (null without, or when it could not be taken). */
  heapGrowth: HeapGrowthTracker | null;
  /** Set once the recording begins to finish; resolves with its result. */
  finishing: Promise<RecordingResult> | null;
}

/** One profiler's current window. */
export interface ProfileWindow {
  /** When it began, ms since the epoch. */
  start: number;
  /** Which window it is, 0 for the first: later ones last longer. */
  index: number;
}

/** Ends the recording (idempotent); `message` is one line for the user. */
export type Finish = (reason: EndReason, message?: string) => Promise<RecordingResult>;

/** Appends a record to the session file. */
export function write(state: RecordingState, record: SessionRecord): void {
  state.writer.write(record);
}

/** Appends a window's profile records, noting the scripts they name. */
export function writeProfiles(state: RecordingState, records: readonly SessionRecord[]): void {
  addProfiledUrls(records, state.profiledUrls);
  state.writer.writeAll(records);
}

/** Appends an event record, timed now. */
export function writeEvent(
  state: RecordingState,
  level: 'info' | 'warning' | 'error',
  message: string,
): void {
  write(state, { type: 'event', time: Date.now(), level, message });
}

/** Closes the inspector from inside when Hyperscope opened it (before or while reconnecting). */
export function inspectorIsOurs(state: RecordingState): boolean {
  return state.target.openedByUs || (state.reconnection?.openedInspector ?? false);
}
