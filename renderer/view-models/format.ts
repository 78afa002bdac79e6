/** Numbers as people read them: bytes in KiB/MiB/GiB, durations in µs/ms/s, ratios as percent; '–' for none. */
import { formatBytes as formatCoreBytes, scaleBytes } from '../../core/units/bytes';
import { formatPercent } from '../../core/units/percent';

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '–';
  return formatCoreBytes(bytes);
}

/** `ms` milliseconds, e.g. `850 µs`, `12.5 ms`, `3.2 s`, `4 min 5 s`. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  const abs = Math.abs(ms);
  if (abs < 1) return `${Math.round(ms * 1000)} µs`;
  if (abs < 100) return `${ms.toFixed(1)} ms`;
  if (abs < 10_000) return `${Math.round(ms)} ms`;
  if (abs < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** 0..1 → `42%`. */
export function formatRatio(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '–';
  return formatPercent(ratio);
}

export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '–';
  return Math.abs(n) >= 10_000
    ? n.toLocaleString('en-US', { maximumFractionDigits: 0 })
    : String(Math.round(n * 100) / 100);
}

/**
 * A value in a named unit ('bytes', 'bytes/s', 'ms', 'ratio', 'count', anything else printed after the
 * number).
 */
export function formatValue(value: number | null | undefined, unit: string): string {
  if (unit === 'bytes') return formatBytes(value);
  if (unit === 'bytes/s') {
    const bytes = formatBytes(value);
    return bytes === '–' ? bytes : `${bytes}/s`;
  }
  if (unit === 'ms') return formatMs(value);
  if (unit === 'ratio') return formatRatio(value);
  if (unit === 'count' || unit === '') return formatCount(value);
  return `${formatCount(value)} ${unit}`;
}

/** Seconds since start for an axis tick: `0s`, `45s`, `2m05`. */
export function formatSeconds(seconds: number): string {
  if (seconds < 10) return `${Number(seconds.toFixed(1))}s`;
  if (seconds < 120) return `${Math.round(seconds)}s`;
  const s = Math.round(seconds % 60);
  return `${Math.floor(seconds / 60)}m${String(s).padStart(2, '0')}`;
}

/**
 * A short value for chart axes: bytes and bytes/s without decimals from 10 up (`134 MiB`, `1.5 GiB`,
 * `12 MiB/s`), else as `formatValue`.
 */
export function formatAxisValue(value: number, unit: string): string {
  const perSecond = unit === 'bytes/s';
  if ((unit !== 'bytes' && !perSecond) || !Number.isFinite(value)) return formatValue(value, unit);
  const { value: scaled, unit: scaledUnit } = scaleBytes(Math.abs(value));
  const number = scaled >= 10 ? Math.round(scaled) : Number(scaled.toFixed(1));
  return `${value < 0 ? '-' : ''}${number} ${scaledUnit}${perSecond ? '/s' : ''}`;
}
