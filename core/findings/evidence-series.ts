/** Small helpers that shape evidence: series over timed samples, and figures rounded for people. */
import type { EvidenceSeries } from './finding';

/** A named series with one point per sample; `t` is ms since the session's start. */
export function seriesOf<T extends { t: number }>(
  name: string,
  unit: string,
  samples: readonly T[],
  value: (sample: T) => number,
): EvidenceSeries {
  return { name, unit, points: samples.map((sample) => ({ t: sample.t, v: value(sample) })) };
}

/** `value` rounded to `digits` decimals (1 by default), for evidence values and sentences. */
export function rounded(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
