/**
 * The report's promise chains: the `promises` section of the snapshot that held the most pending
 * chains (the peak), as `pprof` shows goroutines — groups by creation site, biggest first.
 */
import { byCountThenAge } from '../chains/group-chains';
import { promiseSectionOf } from '../chains/promise-sections';
import type { Session } from '../session/session';
import type { ChainsReport } from './report';

/** The peak snapshot's chains (the latest of equal peaks); null when no snapshot has a `promises` section. */
export function chainsSection(session: Session): ChainsReport | null {
  let peak: ChainsReport | null = null;
  for (const snapshot of session.snapshots) {
    const section = promiseSectionOf(snapshot);
    if (section && (!peak || section.chains >= peak.chains)) peak = section;
  }
  return peak && { ...peak, groups: [...peak.groups].sort(byCountThenAge) };
}
