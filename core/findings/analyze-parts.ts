/**
 * Findings of a session of several processes or threads: every part analysed as the one-process
 * session it is, each finding placed in its part ("worker 2 of 4"), critical first over all parts.
 * A one-process session gets exactly `analyzeSession`'s findings, unplaced.
 */
import type { Session } from '../session/session';
import { sessionParts } from '../session/session-parts';
import type { AnalysisContext } from './analysis';
import { analyzeSession } from './analyze-session';
import type { Finding } from './finding';
import { sortBySeverity } from './severity';

export function analyzeParts(session: Session, context: AnalysisContext = {}): Finding[] {
  if (session.sources.length === 0) return analyzeSession(session, context);
  const placed = sessionParts(session).flatMap((part) =>
    analyzeSession(part.session, context).map((finding) => ({
      ...finding,
      place: { part: part.id, label: part.label, pid: part.pid, threadId: part.threadId },
    })),
  );
  return sortBySeverity(placed);
}
