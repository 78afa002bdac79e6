/**
 * Findings of a session of several processes or threads: every part analysed as the one-process
 * session it is, each finding placed in its part ("worker 2 of 4"), critical first over all parts.
 * A one-process session gets exactly `analyzeSession`'s findings, unplaced.
 */
import type { Session } from '../session/session';
import { sessionParts, type SessionPart } from '../session/session-parts';
import type { AnalysisContext } from './analysis';
import { analysisContext } from './analysis-context';
import { analyzeSession } from './analyze-session';
import type { Finding, FindingPlace } from './finding';
import { sortBySeverity } from './severity';

/**
 * `contextOf` gives each part its own context: a context (profiles, hot stack) is one process's, and a
 * worker judged with its primary's profiles would cite the primary's code. By default each part's is
 * built from its own data.
 */
export function analyzeParts(
  session: Session,
  contextOf: (part: SessionPart) => AnalysisContext = (part) => analysisContext(part.session),
): Finding[] {
  const parts = sessionParts(session);
  if (parts.length === 1) return analyzeSession(session, contextOf(parts[0]!));
  const placed = parts.flatMap((part) =>
    analyzeSession(part.session, contextOf(part)).map((finding) => ({ ...finding, place: placeOf(part) })),
  );
  return sortBySeverity(placed);
}

/** Where a part's findings are: its id, label, pid and thread. */
export function placeOf(part: SessionPart): FindingPlace {
  return { part: part.id, label: part.label, pid: part.pid, threadId: part.threadId };
}
