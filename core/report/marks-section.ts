/** The moments the user marked while recording, as the report lists them: offset from the start and label. */
import type { Session } from '../session/session';
import { formatDuration } from './format-units';

export interface ReportMark {
  /** When it was set, ms since the epoch. */
  time: number;
  /** Since the recording started, ms (0 for a mark set before the header's time). */
  offsetMs: number;
  label: string;
}

/** The session's marks in time order. */
export function marksSection(session: Session): ReportMark[] {
  const start = session.header.createdAt;
  return session.marks
    .map(({ time, label }) => ({ time, offsetMs: Math.max(0, time - start), label }))
    .sort((a, b) => a.time - b.time);
}

/** The text report's line of them, `marks: +12.0 s deploy v2 · +31.5 s rollback`; none without marks. */
export function marksLines(marks: readonly ReportMark[]): string[] {
  if (marks.length === 0) return [];
  return [`marks: ${marks.map((m) => `+${formatDuration(m.offsetMs)} ${m.label}`).join(' · ')}`];
}
