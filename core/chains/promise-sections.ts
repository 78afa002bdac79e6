/** Reading `promises` sections back out of snapshots and sessions. */
import type { AgentSnapshot } from '../agent-protocol';
import type { Session } from '../session/session';
import type { PromiseSection } from './promise-section';

/** The snapshot's `promises` section, or null when the collector was off or the shape is not one. */
export function promiseSectionOf(snapshot: AgentSnapshot): PromiseSection | null {
  const section = snapshot.extensions?.['promises'];
  if (typeof section !== 'object' || section === null) return null;
  const candidate = section as Partial<PromiseSection>;
  return Array.isArray(candidate.groups) && typeof candidate.counts === 'object'
    ? (section as PromiseSection)
    : null;
}

/** Every snapshot's section with its time since the session's start (ms), in time order. */
export function timedPromiseSections(session: Session): { t: number; section: PromiseSection }[] {
  const out: { t: number; section: PromiseSection }[] = [];
  for (const snapshot of session.snapshots) {
    const section = promiseSectionOf(snapshot);
    if (section) out.push({ t: snapshot.time - session.header.createdAt, section });
  }
  return out;
}

/** Created, settled and pending promises over time (`t` ms since the session's start), as counts. */
export function promiseCountSeries(
  session: Session,
): { name: string; unit: string; points: { t: number; v: number }[] }[] {
  const timed = timedPromiseSections(session);
  const series = (name: 'created' | 'settled' | 'pending') => ({
    name,
    unit: 'count',
    points: timed.map(({ t, section }) => ({ t, v: section.counts[name] })),
  });
  return [series('created'), series('settled'), series('pending')];
}
