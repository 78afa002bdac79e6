/** The report of one process's session: header facts, its findings, tables, chains, marks and notes. */
import type { AnalysisContext } from '../findings/analysis';
import type { Finding } from '../findings/finding';
import type { EventRecord } from '../session/records';
import type { Session } from '../session/session';
import { sessionDurationMs } from '../session/session';
import { allocationsSection } from './alloc-section';
import { chainsSection } from './chains-section';
import { cpuSection } from './cpu-section';
import { marksSection } from './marks-section';
import type { Report, ReportNote } from './report';
import { REPORT_SCHEMA } from './report';
import { summarizeSession } from './summarize-session';
import { growthSites } from '../retainers/growth-sites';

/** Rows of the CPU and allocation tables. */
export const TOP_ROWS = 20;

/** The report of one process's `session` (no sources), with its `findings` and `context.profiles`. */
export function reportOfOne(
  session: Session,
  context: AnalysisContext & Required<Pick<AnalysisContext, 'profiles'>>,
  findings: Finding[],
): Report {
  const { header } = session;
  const { profiles } = context;
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
    findings,
    summary: summarizeSession(session),
    ...(cpu ? { cpu } : {}),
    ...(allocations ? { allocations } : {}),
    ...(chains ? { chains } : {}),
    ...(session.heapGrowth?.length
      ? {
          heapGrowth: { ...session.heapGrowth.at(-1)!, allocatedBy: growthSites(profiles, header.createdAt) },
        }
      : {}),
    marks: marksSection(session),
    notes: notesOf(session),
  };
}

function notesOf(session: Session): ReportNote[] {
  const readerNotes: ReportNote[] = session.warnings.map((message) => ({
    time: null,
    level: 'warning',
    message,
  }));
  return [...eventNotes(session.events), ...readerNotes];
}

/** The events a reader should know of, `prefix` before each message; info-level ones are progress chatter. */
export function eventNotes(events: readonly EventRecord[], prefix = ''): ReportNote[] {
  return events
    .filter((event) => event.level !== 'info')
    .map(({ time, level, message }) => ({ time, level, message: prefix + message }));
}
