/** Builds the report of a session: header facts, every finding (most severe first) and the summary. */
import { analyzeSession } from '../findings/analyze-session';
import type { AnalysisContext } from '../findings/analysis';
import type { Session } from '../session/session';
import { sessionDurationMs } from '../session/session';
import type { Report, ReportNote } from './report';
import { REPORT_SCHEMA } from './report';
import { summarizeSession } from './summarize-session';

/** The report of `session`; `context` carries what other models computed (the CPU profile's hot frames). */
export function buildReport(session: Session, context: AnalysisContext = {}): Report {
  const { header } = session;
  const { pid, nodeVersion, argv, attachedBy } = header.target;
  return {
    schema: REPORT_SCHEMA,
    recordedBy: header.hyperscope,
    target: { pid, nodeVersion, argv: [...argv], attachedBy },
    startedAt: header.createdAt,
    durationMs: sessionDurationMs(session),
    intervalMs: header.options.intervalMs,
    snapshots: session.snapshots.length,
    truncated: session.truncated,
    endReason: session.end?.reason ?? null,
    findings: analyzeSession(session, context),
    summary: summarizeSession(session),
    notes: notesOf(session),
  };
}

// Info-level recorder events are progress chatter; the report keeps what a reader should know.
function notesOf(session: Session): ReportNote[] {
  const events: ReportNote[] = session.events
    .filter((event) => event.level !== 'info')
    .map(({ time, level, message }) => ({ time, level, message }));
  const readerNotes: ReportNote[] = session.warnings.map((message) => ({
    time: null,
    level: 'warning',
    message,
  }));
  return [...events, ...readerNotes];
}
