/** Builds the report of a session: header facts, every finding (most severe first) and the summary. */
import { analyzeSession } from '../findings/analyze-session';
import type { AnalysisContext } from '../findings/analysis';
import { sessionProfiles } from '../profile/session-profiles';
import type { Session } from '../session/session';
import { sessionDurationMs } from '../session/session';
import { allocationsSection } from './alloc-section';
import { chainsSection } from './chains-section';
import { cpuSection } from './cpu-section';
import { marksSection } from './marks-section';
import type { Report, ReportNote } from './report';
import { REPORT_SCHEMA } from './report';
import { summarizeSession } from './summarize-session';

/** Rows of the CPU and allocation tables. */
export const TOP_ROWS = 20;

/**
 * The report of `session`; `context` carries what other models computed (the CPU profile's hot frames,
 * the profile windows as models — built here when absent).
 */
export function buildReport(session: Session, context: AnalysisContext = {}): Report {
  const { header } = session;
  const profiles = context.profiles ?? sessionProfiles(session);
  const cpu = cpuSection(profiles, TOP_ROWS);
  const allocations = allocationsSection(profiles, TOP_ROWS, header.createdAt);
  const chains = chainsSection(session);
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
    findings: analyzeSession(session, { ...context, profiles }),
    summary: summarizeSession(session),
    ...(cpu ? { cpu } : {}),
    ...(allocations ? { allocations } : {}),
    ...(chains ? { chains } : {}),
    marks: marksSection(session),
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
