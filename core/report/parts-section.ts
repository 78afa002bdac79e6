/**
 * The report's table of the processes and threads a session recorded (`report.parts`): who each is,
 * how long it was recorded and how it ended, its CPU time and its own summary.
 */
import type { SessionProfiles } from '../profile/session-profiles';
import type { EndRecord, SourceEndRecord } from '../session/records';
import type { Session } from '../session/session';
import { MAIN_PART_ID, type SessionPart } from '../session/session-parts';
import { cpuSection } from './cpu-section';
import type { ReportSummary } from './report';

/** One recorded process or thread: who it is (as `SessionPart` says), and what was recorded of it. */
export interface ReportPart extends Pick<
  SessionPart,
  'id' | 'label' | 'kind' | 'pid' | 'threadId' | 'parent'
> {
  nodeVersion: string;
  /** Snapshots recorded of it. */
  snapshots: number;
  /**
   * Its own end: a source that exited, was lost or failed before the session ended, or the session's end
   * for the header's target. Null for a source still recorded when the session ended, and for a header
   * target whose file has no end record.
   */
  ended: PartEnd | null;
  /** CPU time of everything but (idle) in its CPU windows, µs; null without CPU windows. */
  cpuBusyUs: number | null;
  /** Its own figures (the report's `summary` is every part's together). */
  summary: ReportSummary;
}

export interface PartEnd {
  reason: EndRecord['reason'] | SourceEndRecord['reason'];
  /** ms since the epoch. */
  time: number;
  message?: string;
}

/** What the report knows of one part: the part, its windows as models, and its summary. */
export interface AnalysedPart {
  part: SessionPart;
  profiles: SessionProfiles;
  summary: ReportSummary;
}

/** The rows of `parts`, in their order; `session` is the whole session (its sources' end records). */
export function partsSection(session: Session, parts: readonly AnalysedPart[]): ReportPart[] {
  return parts.map(({ part, profiles, summary }) => {
    const end = part.id === MAIN_PART_ID ? session.end : part.endedEarly;
    return {
      id: part.id,
      label: part.label,
      kind: part.kind,
      pid: part.pid,
      threadId: part.threadId,
      parent: part.parent,
      nodeVersion: part.session.header.target.nodeVersion,
      snapshots: part.session.snapshots.length,
      ended: end
        ? { reason: end.reason, time: end.time, ...(end.message ? { message: end.message } : {}) }
        : null,
      cpuBusyUs: cpuSection(profiles, 0)?.busyUs ?? null,
      summary,
    };
  });
}
