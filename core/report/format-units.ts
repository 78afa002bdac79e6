/**
 * Figures as the text report prints them: fixed decimals, so that columns line up (the general helpers in
 * `core/units/` trim trailing zeros instead).
 */
import { scaleBytes } from '../units/bytes';

export { formatPercent } from '../units/percent';

/** `850 ms`, `12.3 s`, `4.5 min`, `2.0 h` for `ms` milliseconds. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${round(ms, ms < 10 ? 1 : 0)} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 7_200_000) return `${(ms / 60_000).toFixed(1)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

/** `512 B`, `48.0 KiB`, `54.2 MiB`, `1.5 GiB` for `bytes`. */
export function formatBytes(bytes: number): string {
  const { value, unit } = scaleBytes(bytes);
  return unit === 'B' ? `${value} B` : `${value.toFixed(1)} ${unit}`;
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
