/**
 * Whether a chart series is sparse enough to draw its points: a line through one point draws nothing,
 * and series measured per profile window (a point every 5–10 s) read better as marked measurements than
 * as a smooth line. Dense series (a snapshot a second) stay plain lines.
 */

/** Series with at most this many points get a dot on each. */
export const SPARSE_POINTS = 12;

/** True when `key` has a finite number in at most `SPARSE_POINTS` of `rows`. */
export function isSparseSeries(rows: readonly Readonly<Record<string, unknown>>[], key: string): boolean {
  let points = 0;
  for (const row of rows) {
    const value = row[key];
    if (typeof value === 'number' && Number.isFinite(value) && ++points > SPARSE_POINTS) return false;
  }
  return true;
}
