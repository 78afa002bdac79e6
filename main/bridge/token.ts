/** Constant-time comparison of a presented token with the per-launch one. */
import { timingSafeEqual } from 'node:crypto';

export function tokenMatches(presented: string | null | undefined, expected: string): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
