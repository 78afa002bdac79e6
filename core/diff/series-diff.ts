/**
 * Key series of two sessions compared: the peaks and means the Sessions view shows (compareSessions),
 * with their change. Units: 'count', 'ms', 'bytes', 'ratio'.
 */
import { compareSessions } from '../bridge/compare-sessions';
import type { Session } from '../session/session';

export interface SeriesDelta {
  metric: string;
  unit: string;
  base: number | null;
  current: number | null;
  /** current − base; null when either is unknown. */
  delta: number | null;
  /** current ÷ base; null when either is unknown or base is 0. */
  ratio: number | null;
}

export function diffSeries(base: Session, current: Session): SeriesDelta[] {
  const { rows } = compareSessions(
    { name: 'base', session: base, findings: [] },
    { name: 'current', session: current, findings: [] },
  );
  return rows.map((row) => {
    const known = row.base !== null && row.current !== null;
    return {
      ...row,
      delta: known ? row.current! - row.base! : null,
      ratio: known && row.base !== 0 ? row.current! / row.base! : null,
    };
  });
}
