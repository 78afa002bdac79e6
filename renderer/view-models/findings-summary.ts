/** Counts of findings by severity, for badges, and the human name of a finding kind. */
import type { Finding, Severity } from '../../core/findings/finding';

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { critical: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** Human name of a finding kind: `pool-starvation` → `Pool starvation`. */
export function kindLabel(kind: string): string {
  const words = kind.replace(/-/g, ' ').replace(/^tls\b/, 'TLS');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
