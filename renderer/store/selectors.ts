/**
 * What the views show: the live recording while one runs, otherwise the opened session. Selectors return
 * references already in the state (never new arrays), so `useApp` does not re-render needlessly.
 */
import type { AgentSnapshot } from '../../core/agent-protocol';
import type { Finding } from '../../core/findings/finding';
import type { MarkRecord } from '../../core/session/records';
import type { AppState } from './store';

const NONE: never[] = [];

/** True while a recording streams (or is being stopped). */
export const selectIsLive = (s: AppState): boolean =>
  s.recording.phase === 'recording' || s.recording.phase === 'stopping';

export const selectSnapshots = (s: AppState): AgentSnapshot[] =>
  selectIsLive(s)
    ? s.liveSnapshots
    : (s.opened?.session.snapshots ?? (s.liveSnapshots.length ? s.liveSnapshots : NONE));

export const selectFindings = (s: AppState): Finding[] =>
  selectIsLive(s) ? s.liveFindings : (s.opened?.findings ?? NONE);

/** The marks the user set: the live recording's, or the opened session's. */
export const selectMarks = (s: AppState): MarkRecord[] =>
  selectIsLive(s) ? s.liveMarks : (s.opened?.session.marks ?? NONE);

/** The time series start at, ms since the epoch: the recording's start, or the session's header. */
export const selectStartTime = (s: AppState): number =>
  selectIsLive(s)
    ? (s.recording.startedAt ?? s.liveSnapshots[0]?.time ?? 0)
    : (s.opened?.session.header.createdAt ?? s.liveSnapshots[0]?.time ?? 0);

/** What the title bar names: the session file, or the live target. */
export const selectSubject = (s: AppState): string | null =>
  selectIsLive(s) ? (s.recording.target?.label ?? 'live') : (s.opened?.name ?? null);
