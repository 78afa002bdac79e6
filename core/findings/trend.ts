/**
 * Robust trend statistics for short, noisy snapshot series (a few to a few thousand points): the
 * Theil–Sen slope (median of pairwise slopes: up to 29% outliers do not move it) and the Mann–Kendall
 * test (is the series rising beyond what noise gives?), the classic pair for monotonic trends.
 */
import type { TimedValue } from './analysis';

// A leak's later half climbs about as fast as the whole; a warm-up ramp that levels off climbs far slower
// late (on the test timeline this cut false alarms on 4–6 s ramps in 10–12 s sessions from ~10% to ~1%,
// leaving leaks found as often).
export const MIN_LATE_SLOPE_SHARE = 0.5;
// A trend is judged over time, not points: the thresholds were tuned on 6 points at the default 1 s
// interval (5 s), and at `--interval 500ms` 6 points are 2.5 s — a warm-up ramp, not a leak. Less half a
// second because collections land a few ms either side of their interval.
export const MIN_TREND_SPAN_MS = 4_500;

// A level that has not moved at all for the last quarter of the recording (3 snapshots or more) has
// stopped climbing: a keep-alive pool that stepped up once to a new load and holds it (healthy demo on
// Node 26, CI: sockets 1, 7, 8, 10, 10, 10, 18, 18, 18 passed every other test). Counts that leak change
// from snapshot to snapshot; exact flatness costs nothing on noisy series.
export const MIN_FLAT_TAIL_POINTS = 3;
export const MIN_FLAT_TAIL_SHARE = 0.25;

/** Above this many points, pairwise statistics use an even subsample to stay O(n²) small. */
const MAX_POINTS_FOR_PAIRS = 400;

/** Median of `values`; NaN when empty. Does not mutate. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Theil–Sen slope in units per second (`t` in ms); 0 with fewer than two distinct times. */
export function theilSenSlopePerS(points: readonly TimedValue[]): number {
  const sample = evenSubsample(points, MAX_POINTS_FOR_PAIRS);
  const slopes: number[] = [];
  for (let i = 0; i < sample.length; i++) {
    for (let j = i + 1; j < sample.length; j++) {
      const dt = sample[j]!.t - sample[i]!.t;
      if (dt !== 0) slopes.push(((sample[j]!.v - sample[i]!.v) / dt) * 1000);
    }
  }
  return slopes.length === 0 ? 0 : median(slopes);
}

/**
 * Mann–Kendall Z score of `points` in time order: ≈ N(0, 1) for pure noise, large and positive for a
 * rising series (2.58 ≈ one-sided p 0.005). Without the tie correction, so ties make it conservative.
 * 0 with fewer than three points.
 */
export function mannKendallZ(points: readonly TimedValue[]): number {
  const sample = evenSubsample(points, MAX_POINTS_FOR_PAIRS);
  const n = sample.length;
  if (n < 3) return 0;
  let s = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) s += Math.sign(sample[j]!.v - sample[i]!.v);
  const sd = Math.sqrt((n * (n - 1) * (2 * n + 5)) / 18);
  // Continuity correction: S moves in steps of 2.
  return s > 0 ? (s - 1) / sd : s < 0 ? (s + 1) / sd : 0;
}

/** Thresholds for `steadyGrowth`; each analysis names its own. */
export interface GrowthThresholds {
  /** Fewest points to judge a trend at all (and they must span `MIN_TREND_SPAN_MS`). */
  minPoints: number;
  /** Smallest Theil–Sen slope, units per second, over all points and over their later half (which must
   * also reach `MIN_LATE_SLOPE_SHARE` of the whole's). */
  minSlopePerS: number;
  /** Smallest growth the slope implies over the whole series, units. */
  minGrowth: number;
  /** Smallest Mann–Kendall Z: how sure we must be that this is a trend and not noise. */
  minTrendZ: number;
}

export interface Growth {
  /** Theil–Sen slope, units per second. */
  slopePerS: number;
  /** Theil–Sen slope of the later half of the points, units per second: still climbing at the end? */
  lateSlopePerS: number;
  /** Slope × the series' span, units. */
  growth: number;
  /** Mann–Kendall Z of the whole series. */
  trendZ: number;
  /** How long the series has ended on one unchanged value, ms (0 when its last two points differ). */
  flatTailMs: number;
  /** True when every threshold is met. */
  steady: boolean;
}

/** Whether `points` (in time order) climb steadily, by the given thresholds. */
export function steadyGrowth(points: readonly TimedValue[], thresholds: GrowthThresholds): Growth {
  const slopePerS = theilSenSlopePerS(points);
  const spanMs = points.length > 1 ? points.at(-1)!.t - points[0]!.t : 0;
  const growth = (slopePerS * spanMs) / 1000;
  // A ramp that then levels off (warm-up, a load that started) has a steep whole-series slope but a flat
  // later half; a leak keeps climbing to the end.
  const lateSlopePerS = theilSenSlopePerS(points.slice(Math.floor(points.length / 2)));
  const trendZ = mannKendallZ(points);
  const flat = flatTailPoints(points);
  const flatTailMs = flat > 1 ? points.at(-1)!.t - points[points.length - flat]!.t : 0;
  const levelledOff = flat >= MIN_FLAT_TAIL_POINTS && flatTailMs >= MIN_FLAT_TAIL_SHARE * spanMs;
  const steady =
    !levelledOff &&
    points.length >= thresholds.minPoints &&
    spanMs >= MIN_TREND_SPAN_MS &&
    slopePerS >= thresholds.minSlopePerS &&
    lateSlopePerS >= Math.max(thresholds.minSlopePerS, MIN_LATE_SLOPE_SHARE * slopePerS) &&
    growth >= thresholds.minGrowth &&
    trendZ >= thresholds.minTrendZ;
  return { slopePerS, lateSlopePerS, growth, trendZ, flatTailMs, steady };
}

/** How many points the run of equal values the series ends on holds (1 when the last two differ). */
function flatTailPoints(points: readonly TimedValue[]): number {
  let run = points.length > 0 ? 1 : 0;
  while (run < points.length && points[points.length - 1 - run]!.v === points.at(-1)!.v) run++;
  return run;
}

function evenSubsample<T>(items: readonly T[], max: number): readonly T[] {
  if (items.length <= max) return items;
  const step = items.length / max;
  return Array.from({ length: max }, (_, i) => items[Math.floor(i * step)]!);
}
