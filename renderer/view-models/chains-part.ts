/**
 * Which process the Blocking chains view shows when all are chosen. Chains are per process (the slider
 * moves through one process's snapshots), so "All" shows the one with the most pending chains at any
 * moment: where a user chasing blocked requests must look. Pure.
 */
import { promiseSectionOf } from '../../core/chains/promise-sections';
import type { PartData } from './session-part-list';

/** The part with the most chains pending at once; the first part (the header's target) on a tie or none. */
export function busiestChainsPart(parts: readonly PartData[]): PartData | null {
  let best: PartData | null = parts[0] ?? null;
  let most = 0;
  for (const part of parts) {
    const peak = part.snapshots.reduce((m, s) => Math.max(m, promiseSectionOf(s)?.chains ?? 0), 0);
    if (peak > most) [best, most] = [part, peak];
  }
  return best;
}
