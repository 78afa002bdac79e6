/** Severity order for sorting findings: the biggest first. */
import type { Finding, Severity } from './finding';

const RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

/** Negative when `a` is more severe than `b`; for `Array.prototype.sort` (which is stable). */
export function compareSeverity(a: Severity, b: Severity): number {
  return RANK[a] - RANK[b];
}

/** The findings, most severe first, keeping the given order within one severity. Does not mutate. */
export function sortBySeverity(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => compareSeverity(a.severity, b.severity));
}
