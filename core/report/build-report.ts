/** Builds the report of a session: header facts, every finding (most severe first) and the summary. */
import { analyzeSession } from '../findings/analyze-session';
import type { AnalysisContext } from '../findings/analysis';
import { sessionProfiles } from '../profile/session-profiles';
import type { Session } from '../session/session';
import { buildPartsReport } from './build-parts-report';
import type { Report } from './report';
import { reportOfOne } from './report-of-one';

export interface ReportOptions {
  /**
   * In a session of several processes or threads, the id of the one part to report alone (`pickPart`
   * finds it from what a user typed); by default every part is reported, combined.
   */
  part?: string;
}

/**
 * The report of `session`; `context` carries what other models computed for the header's target (the
 * CPU profile's hot frames, the profile windows as models — built here when absent).
 */
export function buildReport(
  session: Session,
  context: AnalysisContext = {},
  options: ReportOptions = {},
): Report {
  if (session.sources.length > 0) return buildPartsReport(session, context, options.part);
  const profiles = context.profiles ?? sessionProfiles(session);
  return reportOfOne(session, { ...context, profiles }, analyzeSession(session, { ...context, profiles }));
}
