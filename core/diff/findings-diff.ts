/** Findings that appeared, went away or stayed between two sessions (same problem: `findingIdentity`). */
import { findingIdentity } from '../bridge/finding-identity';
import type { Finding, Severity } from '../findings/finding';

export interface FindingsDiff {
  /** In the current session only. */
  appeared: Finding[];
  /** In the base session only. */
  disappeared: Finding[];
  /** In both: the current finding with the base's severity. */
  persisted: { finding: Finding; baseSeverity: Severity }[];
}

export function diffFindings(base: readonly Finding[], current: readonly Finding[]): FindingsDiff {
  const before = new Map(base.map((finding) => [findingIdentity(finding), finding]));
  const after = new Set(current.map(findingIdentity));
  const persisted: FindingsDiff['persisted'] = [];
  const appeared: Finding[] = [];
  for (const finding of current) {
    const old = before.get(findingIdentity(finding));
    if (old) persisted.push({ finding, baseSeverity: old.severity });
    else appeared.push(finding);
  }
  const disappeared = base.filter((finding) => !after.has(findingIdentity(finding)));
  return { appeared, disappeared, persisted };
}
