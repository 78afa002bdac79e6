/**
 * The processes and threads of two sessions paired for a diff: the header's targets with each other, the
 * others by label (`worker 2 of 4`, `thread 1 (resize.js)`), which a cluster or a thread pool gives again
 * from run to run where pids and source ids change.
 */
import type { Session } from '../session/session';
import { MAIN_PART_ID, sessionParts, type SessionPart } from '../session/session-parts';

export interface MatchedParts {
  pairs: { base: SessionPart; current: SessionPart }[];
  /** Labels of the parts only one session has. */
  onlyBase: string[];
  onlyCurrent: string[];
}

export function matchParts(base: Session, current: Session): MatchedParts {
  const keyOf = (part: SessionPart): string =>
    part.id === MAIN_PART_ID ? MAIN_PART_ID : `label:${part.label}`;
  const after = new Map(sessionParts(current).map((part) => [keyOf(part), part]));
  const pairs: MatchedParts['pairs'] = [];
  const onlyBase: string[] = [];
  for (const part of sessionParts(base)) {
    const other = after.get(keyOf(part));
    if (other) {
      pairs.push({ base: part, current: other });
      after.delete(keyOf(part));
    } else onlyBase.push(part.label);
  }
  return { pairs, onlyBase, onlyCurrent: [...after.values()].map((part) => part.label) };
}
