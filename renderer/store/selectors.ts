/**
 * What the views show: the live recording while one runs, otherwise the opened session; in a session of
 * several processes or threads, the part the picker chose (or all of them). Selectors return references
 * already in the state or cached (never new arrays per call), so `useApp` does not re-render needlessly.
 */
import type { AgentSnapshot } from '../../core/agent-protocol';
import type { ProfileSet } from '../../core/import/profile-set';
import type { Finding } from '../../core/findings/finding';
import type { MarkRecord } from '../../core/session/records';
import type { Session } from '../../core/session/session';
import { countParts, findingsOfPart } from '../view-models/part-picker';
import { combinedProfilesOf, profilesOf } from '../view-models/profile-models';
import { partsOfLive, partsOfSession, type PartData } from '../view-models/session-part-list';
import { memoLast } from './memo-last';
import type { AppState } from './store';

const NONE: never[] = [];

/** True while a recording streams (or is being stopped). */
export const selectIsLive = (s: AppState): boolean =>
  s.recording.phase === 'recording' || s.recording.phase === 'stopping';

const liveParts = memoLast(partsOfLive);

/** Every process and thread on screen, the header's target first; one for a one-process session. */
export const selectParts = (s: AppState): readonly PartData[] => {
  if (selectIsLive(s))
    return liveParts(
      s.recording.target?.pid ?? 0,
      s.liveSnapshots,
      s.recording.sources,
      s.liveSourceSnapshots,
    );
  return s.opened ? partsOfSession(s.opened.session) : NONE;
};

/** The part the views show: the chosen one, the only one, or null for all of several. */
export const selectPart = (s: AppState): PartData | null => {
  const parts = selectParts(s);
  if (parts.length <= 1) return parts[0] ?? null;
  return parts.find((part) => part.id === s.part) ?? null;
};

/** True when the views show every part of a session of several side by side or combined. */
export const selectAllParts = (s: AppState): boolean => selectParts(s).length > 1 && selectPart(s) === null;

/** `3 processes`, `1 process, 2 threads` when all parts of a session of several are shown; else undefined. */
export const selectAllPartsCount = (s: AppState): string | undefined =>
  selectAllParts(s) ? countParts(selectParts(s)) : undefined;

/** The chosen part's snapshots; with all parts chosen, the header's target's. */
export const selectSnapshots = (s: AppState): readonly AgentSnapshot[] => {
  const part = selectPart(s) ?? selectParts(s)[0];
  if (part) return part.snapshots;
  return s.liveSnapshots.length ? s.liveSnapshots : NONE;
};

/** Every finding of every part. */
export const selectAllFindings = (s: AppState): Finding[] =>
  selectIsLive(s) ? s.liveFindings : (s.opened?.findings ?? NONE);

const findingsOf = memoLast((findings: Finding[], part: string | null) =>
  part === null ? findings : findingsOfPart(findings, part),
);

/** The chosen part's findings; all of them with all parts (or one) on screen. */
export const selectFindings = (s: AppState): Finding[] =>
  findingsOf(selectAllFindings(s), selectParts(s).length > 1 ? (selectPart(s)?.id ?? null) : null);

/**
 * The profiles the CPU and Allocations views draw: the chosen part's, or every part's merged; null
 * while recording (profiles are read from the file) or with nothing open. Built once per session.
 */
export const selectProfiles = (s: AppState): ProfileSet | null => {
  if (selectIsLive(s) || !s.opened) return null;
  const part = selectPart(s);
  return part?.session ? profilesOf(part.session) : combinedProfilesOf(s.opened.session);
};

const sessionsOf = (parts: readonly PartData[]): Session[] =>
  parts.flatMap((part) => (part.session ? [part.session] : []));
const sessionOfPart = memoLast((part: PartData) => sessionsOf([part]));
const sessionsOfParts = memoLast(sessionsOf);

/** The one-process sessions whose profiles `selectProfiles` draws: the chosen part's, or every part's. */
export const selectProfileSessions = (s: AppState): readonly Session[] => {
  const part = selectPart(s);
  return part ? sessionOfPart(part) : sessionsOfParts(selectParts(s));
};

/** The marks the user set: the live recording's, or the opened session's. */
export const selectMarks = (s: AppState): MarkRecord[] =>
  selectIsLive(s) ? s.liveMarks : (s.opened?.session.marks ?? NONE);

/** The time series start at, ms since the epoch: the recording's start, or the session's header. */
export const selectStartTime = (s: AppState): number =>
  selectIsLive(s)
    ? (s.recording.startedAt ?? s.liveSnapshots[0]?.time ?? 0)
    : (s.opened?.session.header.createdAt ?? s.liveSnapshots[0]?.time ?? 0);

/** The collection interval, seconds: the step on which several parts' points share a chart row. */
export const selectIntervalS = (s: AppState): number =>
  (s.opened && !selectIsLive(s) ? s.opened.session.header.options.intervalMs : 1000) / 1000;

/** What the title bar names: the session file, or the live target. */
export const selectSubject = (s: AppState): string | null =>
  selectIsLive(s) ? (s.recording.target?.label ?? 'live') : (s.opened?.name ?? null);
