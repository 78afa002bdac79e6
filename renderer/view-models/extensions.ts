/**
 * Reads the optional snapshot sections whose readers core does not provide (yet): the promise collector's
 * (`extensions.promises`). Defensive: a missing or foreign shape reads as undefined, never throws.
 */
import type { AgentSnapshot } from '../../core/agent-protocol';
import type { PromiseSection } from '../../core/chains/promise-section';

export function readPromiseSection(snapshot: AgentSnapshot): PromiseSection | undefined {
  const section = snapshot.extensions?.promises as Partial<PromiseSection> | undefined;
  if (
    !section ||
    typeof section !== 'object' ||
    !Array.isArray(section.groups) ||
    typeof section.counts !== 'object'
  )
    return undefined;
  return section as PromiseSection;
}

/** Pending promises the collector observed at this snapshot, or null without the section. */
export function readPendingPromises(snapshot: AgentSnapshot): number | null {
  const pending = readPromiseSection(snapshot)?.counts?.pending;
  return typeof pending === 'number' && Number.isFinite(pending) ? pending : null;
}
