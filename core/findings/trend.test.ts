import { describe, expect, it } from 'vitest';
import { mannKendallZ, median, MIN_TREND_SPAN_MS, steadyGrowth, theilSenSlopePerS } from './trend';

const line = (values: number[], intervalMs = 1000) => values.map((v, i) => ({ t: i * intervalMs, v }));
const thresholds = { minPoints: 5, minSlopePerS: 1, minGrowth: 10, minTrendZ: 2.58 };

describe('trend statistics', () => {
  it('median of odd and even counts, NaN when empty', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('Theil–Sen gives the slope per second of a straight line, whatever the interval', () => {
    expect(theilSenSlopePerS(line([0, 2, 4, 6, 8]))).toBe(2);
    expect(theilSenSlopePerS(line([0, 1, 2, 3, 4], 500))).toBe(2);
  });

  it('Theil–Sen ignores a few wild outliers that would swing a least-squares fit', () => {
    const values = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19];
    values[8] = 500;
    values[9] = 600;
    expect(theilSenSlopePerS(line(values))).toBeCloseTo(1, 5);
  });

  it('Mann–Kendall Z: high for a rising series, about 0 for a flat one, negative for a falling one', () => {
    // n = 10: the variance of S is 125; a perfectly rising series has S = 45, Z = 44 / √125.
    expect(mannKendallZ(line([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))).toBeCloseTo(44 / Math.sqrt(125), 10);
    expect(mannKendallZ(line([5, 5, 5, 5, 5]))).toBe(0);
    expect(mannKendallZ(line([5, 4, 3, 2, 1]))).toBeLessThan(-2);
    expect(mannKendallZ(line([1, 2]))).toBe(0);
  });

  it('calls a steady climb steady, and a ramp that levels off not', () => {
    expect(steadyGrowth(line([10, 12, 13, 16, 18, 19, 22, 24, 25, 28]), thresholds).steady).toBe(true);
    const ramp = steadyGrowth(line([0, 0, 20, 45, 50, 49, 51, 50, 50, 49, 51, 50]), thresholds);
    expect(ramp.slopePerS).toBeGreaterThan(1);
    expect(ramp.steady).toBe(false);
  });

  it('calls a level that stepped up and has not moved for the last quarter not steady', () => {
    // A keep-alive pool stepping up to a heavier load and holding it (healthy demo, Node 26, CI).
    const stepped = steadyGrowth(line([1, 7, 8, 10, 10, 10, 18, 18, 18]), thresholds);
    expect(stepped).toMatchObject({ steady: false, flatTailMs: 2000 });
    expect(stepped.trendZ).toBeGreaterThan(thresholds.minTrendZ);
    // The same series still moving at its end, or flat for less than a quarter of it, climbs.
    expect(steadyGrowth(line([1, 7, 8, 10, 10, 10, 18, 18, 20]), thresholds).steady).toBe(true);
    expect(steadyGrowth(line([1, 4, 7, 8, 10, 13, 15, 18, 20, 23, 26, 30, 30, 30]), thresholds).steady).toBe(
      true,
    );
  });

  it('needs enough points and a significant trend', () => {
    expect(steadyGrowth(line([0, 10, 20, 30]), thresholds).steady).toBe(false);
    expect(steadyGrowth(line([0, 10, 20, 30, 40, 50]), thresholds).steady).toBe(true);
    // Same overall rise, but zig-zagging: not sure enough it is a trend.
    const zigzag = steadyGrowth(line([0, 30, 5, 35, 10, 40]), thresholds);
    expect(zigzag.slopePerS).toBeGreaterThan(1);
    expect(zigzag.steady).toBe(false);
  });

  it(`judges a trend over ${MIN_TREND_SPAN_MS} ms or more, whatever the interval`, () => {
    // A climb of 4/s: six points are 5 s at 1 s (steady), 2.5 s at 500 ms (too short to tell a leak
    // from a warm-up ramp), and eleven points at 500 ms are 5 s again.
    const climb = (n: number) => Array.from({ length: n }, (_, i) => i * 4);
    expect(steadyGrowth(line(climb(6).map((v) => v * 2)), thresholds).steady).toBe(true);
    expect(steadyGrowth(line(climb(6), 500), thresholds).steady).toBe(false);
    expect(
      steadyGrowth(
        line(
          climb(11).map((v) => v * 2),
          500,
        ),
        thresholds,
      ).steady,
    ).toBe(true);
    // Collections a few ms early keep the 1 s case.
    const early = line(climb(6).map((v) => v * 2));
    early.at(-1)!.t -= 10;
    expect(steadyGrowth(early, thresholds).steady).toBe(true);
  });
});
