/** Human-readable values in a value type's unit, for tables and labels. */
import { formatBytes, trimDecimals as trim } from '../units/bytes';

/**
 * `unit` is a ValueType unit: 'microseconds' → µs/ms/s, 'bytes' → B/KiB/MiB/GiB, 'bytes/s' → B/s…GiB/s,
 * otherwise a plain number.
 */
export function formatValue(value: number, unit: string): string {
  if (unit === 'microseconds') {
    if (Math.abs(value) >= 1e6) return `${trim(value / 1e6)}s`;
    if (Math.abs(value) >= 1e3) return `${trim(value / 1e3)}ms`;
    return `${trim(value)}µs`;
  }
  if (unit === 'bytes') return formatBytes(value);
  if (unit === 'bytes/s') return `${formatBytes(value)}/s`;
  return trim(value);
}
