/**
 * The Allocations view's rate chart: the process's bytes/s window by window (core's `allocRateSeries`),
 * allocated and still-alive windows as two series on one time axis. Allocation windows alternate
 * between the two kinds, so each row holds one of them; the chart joins a series across the gaps.
 */
import { allocRateSeries } from '../../core/profile/alloc-rate-series';
import type { SessionProfiles } from '../../core/profile/session-profiles';

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
