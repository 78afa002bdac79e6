/**
 * The Allocations view's rate chart: the process's bytes/s window by window (core's `allocRateSeries`),
 * allocated and still-alive windows as two series on one time axis. Allocation windows alternate
 * between the two kinds, so each row holds one of them; the chart joins a series across the gaps.
 */
import { allocRateSeries } from '../../core/profile/alloc-rate-series';
import type { SessionProfiles } from '../../core/profile/session-profiles';
import { rowsByPart, type ByPartRow } from './parts-series';

/** One window's rate at its end: `t` in seconds since the start, bytes/s under the window's kind. */
export interface AllocRateRow {
  t: number;
  allocated?: number;
  alive?: number;
}

/** Rows in time order; empty without allocation windows. `sessionStart`: ms since the epoch. */
export function allocRateRows(profiles: SessionProfiles, sessionStart: number): AllocRateRow[] {
  const rows = [
    ...allocRateSeries(profiles.allocated, sessionStart).map((point) => ({
      t: point.endMs / 1000,
      allocated: point.bytesPerSecond,
    })),
    ...allocRateSeries(profiles.alive, sessionStart).map((point) => ({
      t: point.endMs / 1000,
      alive: point.bytesPerSecond,
    })),
  ];
  return rows.sort((a, b) => a.t - b.t);
}

/**
 * The allocated bytes/s of several processes or threads, one line each (the "All" choice), from each
 * part's everything-allocated windows. `stepS`: how close two parts' window ends must be to share a
 * row, seconds.
 */
export function allocRateByPart(
  parts: readonly { id: string; label: string; profiles: SessionProfiles }[],
  sessionStart: number,
  stepS: number,
): { rows: ByPartRow[]; series: { key: string; name: string }[] } {
  const lines = parts.map(({ id, label, profiles }) => ({
    id,
    label,
    points: allocRateSeries(profiles.allocated, sessionStart).map((point) => ({
      t: point.endMs / 1000,
      v: point.bytesPerSecond,
    })),
  }));
  const drawn = lines.filter((line) => line.points.length > 0);
  return { rows: rowsByPart(drawn, stepS), series: drawn.map(({ id, label }) => ({ key: id, name: label })) };
}
