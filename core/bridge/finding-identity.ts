/**
 * Whether two findings are the same problem seen twice (live analyses re-run every few seconds): same kind,
 * same title once its figures are set aside, same innermost frame.
 */
import type { Finding } from '../findings/finding';

export function findingIdentity(finding: Finding): string {
  const frame = finding.frames[0];
  const where = frame ? `${frame.url}:${frame.line}:${frame.column}` : '';
  return `${finding.kind}|${finding.title.replace(/[\d.,]+/g, '#')}|${where}`;
}
