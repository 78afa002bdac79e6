/**
 * Key series of two sessions compared: the peaks and means the Sessions view shows (compareSessions),
 * with their change. Units: 'count', 'ms', 'bytes', 'ratio'. Sessions of several processes or threads
 * are compared part by part (`matchParts`): peaks of different processes do not add up to a peak.
 */
import { compareSessions } from '../bridge/compare-sessions';
import type { Session } from '../session/session';
import { matchParts } from './match-parts';

export interface SeriesDelta {
  metric: string;
  unit: string;
  base: number | null;
  current: number | null;
  /** current − base; null when either is unknown. */
  delta: number | null;
  /** current ÷ base; null when either is unknown or base is 0. */
  ratio: number | null;
  /** In sessions of several parts: the label of the part both rows are of (the base's). */
  part?: string;
}

export function diffSeries(base: Session, current: Session): SeriesDelta[] {
  if (base.sources.length === 0 && current.sources.length === 0) return seriesOf(base, current);
  return matchParts(base, current).pairs.flatMap((pair) =>
    seriesOf(pair.base.session, pair.current.session).map((row) => ({ ...row, part: pair.base.label })),
  );
}

function seriesOf(base: Session, current: Session): SeriesDelta[] {
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
