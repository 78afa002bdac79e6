/**
 * The report of a session of several processes or threads: every part analysed as the one-process
 * session it is (`sessionParts`), findings placed in their part, then either all parts combined —
 * tables of their merged profiles, one summary over all, every part's notes — or one part alone.
 */
import type { AnalysisContext } from '../findings/analysis';
import { analysisContext } from '../findings/analysis-context';
import { analyzeParts, placeOf } from '../findings/analyze-parts';
import { analyzeSession } from '../findings/analyze-session';
import { combineSessionProfiles } from '../parts/combined-profiles';
import { allocRateSeries } from '../profile/alloc-rate-series';
import { sessionProfiles, type SessionProfiles } from '../profile/session-profiles';
import type { Session } from '../session/session';
import { MAIN_PART_ID, sessionParts } from '../session/session-parts';
import { chainsSection } from './chains-section';
import { allocCostOfParts, cpuCostOfParts } from './hyperscope-cost';
import { combineSummaries } from './combine-summaries';
import { partsSection, type AnalysedPart } from './parts-section';
import type { AllocationsReport, ChainsReport, Report, ReportNote } from './report';
import { eventNotes, reportOfOne } from './report-of-one';
import { summarizeSession } from './summarize-session';

type PartWithContext = AnalysedPart & { context: AnalysisContext };

/** `mainContext`: what the caller computed for the header's target. `partId`: one part alone. */
export function buildPartsReport(session: Session, mainContext: AnalysisContext, partId?: string): Report {
  const parts: PartWithContext[] = sessionParts(session).map((part) => {
    const context =
      part.id === MAIN_PART_ID
        ? { ...mainContext, profiles: mainContext.profiles ?? sessionProfiles(part.session) }
        : analysisContext(part.session);
    return { part, context, profiles: context.profiles!, summary: summarizeSession(part.session) };
  });
  const rows = partsSection(session, parts);
  if (partId !== undefined) {
    const chosen = parts.find(({ part }) => part.id === partId);
    if (!chosen) throw new RangeError(`the session has no part "${partId}"`);
    const { part, context, profiles } = chosen;
    const findings = analyzeSession(part.session, context).map((f) => ({ ...f, place: placeOf(part) }));
    return { ...reportOfOne(part.session, { ...context, profiles }, findings), parts: rows, part: part.id };
  }
  const contexts = new Map(parts.map(({ part, context }) => [part.id, context]));
  const profiles = combineSessionProfiles(parts.map((p) => p.profiles));
  const report = reportOfOne(
    session,
    { profiles },
    analyzeParts(session, (part) => contexts.get(part.id)!),
  );
  // The header's target's chains and notes give way to every part's.
  const { allocations, chains: _mainChains, cpu, ...rest } = report;
  const chains = peakChains(parts);
  const summaries = parts.map(({ part, summary }) => ({
    kind: part.kind,
    snapshots: part.session.snapshots,
    summary,
  }));
  return {
    ...rest,
    // Hyperscope's rate over all parts is every part's added up (the merge's would be a part's average).
    ...(cpu
      ? { cpu: { ...cpu, hyperscope: cpuCostOfParts(parts.flatMap((p) => p.profiles.cpu ?? [])) } }
      : {}),
    snapshots: rows.reduce((sum, row) => sum + row.snapshots, 0),
    summary: combineSummaries(summaries),
    ...(allocations ? { allocations: withPartSeries(allocations, parts, session.header.createdAt) } : {}),
    ...(chains ? { chains } : {}),
    notes: notesOfParts(parts, report.notes),
    parts: rows,
  };
}

/** The allocation rate of every part window by window, each point naming its part. */
function withPartSeries(
  allocations: AllocationsReport,
  parts: readonly PartWithContext[],
  sessionStart: number,
): AllocationsReport {
  const series = (kind: keyof Omit<SessionProfiles, 'cpu'>) =>
    parts
      .flatMap(({ part, profiles }) =>
        allocRateSeries(profiles[kind], sessionStart).map((point) => ({ ...point, part: part.id })),
      )
      .sort((a, b) => a.startMs - b.startMs);
  const { allocated, alive, hyperscope } = allocations;
  return {
    ...allocations,
    hyperscope: hyperscope && allocCostOfParts(parts.flatMap((p) => p.profiles.allocated ?? [])),
    allocated: allocated && { ...allocated, series: series('allocated') },
    alive: alive && { ...alive, series: series('alive') },
  };
}

/** The part whose peak held the most pending chains, and that peak; null when no part has chains. */
function peakChains(parts: readonly PartWithContext[]): ChainsReport | null {
  let best: ChainsReport | null = null;
  for (const { part } of parts) {
    const chains = chainsSection(part.session);
    if (chains && (!best || chains.chains > best.chains)) best = { ...chains, part: part.id };
  }
  return best;
}

/** Every part's warnings and errors, each saying whose, in time order; then what the reader noticed. */
function notesOfParts(parts: readonly PartWithContext[], mainNotes: readonly ReportNote[]): ReportNote[] {
  const events = parts.flatMap(({ part }) => eventNotes(part.session.events, `${part.label}: `));
  const readerNotes = mainNotes.filter((note) => note.time === null);
  return [...events.sort((a, b) => a.time! - b.time!), ...readerNotes];
}
