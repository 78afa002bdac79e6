/**
 * Figures read from the optional snapshot sections, through core's readers. Defensive: a missing or
 * foreign shape reads as null, never throws.
 */
import type { AgentSnapshot } from '../../core/agent-protocol';
import { promiseSectionOf } from '../../core/chains/promise-sections';

/** Pending promises the collector observed at this snapshot, or null without the section. */
export function readPendingPromises(snapshot: AgentSnapshot): number | null {
  const pending = promiseSectionOf(snapshot)?.counts?.pending;
  return typeof pending === 'number' && Number.isFinite(pending) ? pending : null;
}
