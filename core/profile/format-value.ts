/** Human-readable values in a value type's unit, for tables and labels. */

/** `unit` is a ValueType unit: 'microseconds' → µs/ms/s, 'bytes' → B/KiB/MiB/GiB, otherwise a plain number. */
export function formatValue(value: number, unit: string): string {
  if (unit === 'microseconds') {
    if (Math.abs(value) >= 1e6) return `${trim(value / 1e6)}s`;
    if (Math.abs(value) >= 1e3) return `${trim(value / 1e3)}ms`;
    return `${trim(value)}µs`;
  }
  if (unit === 'bytes') return formatBytes(value);
  return trim(value);
}

/** Bytes in binary units: `512 B`, `1.5 KiB`, `2 MiB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let u = 0;
  while (Math.abs(value) >= 1024 && u < units.length - 1) {
    value /= 1024;
    u++;
  }
  return `${trim(value)} ${units[u]}`;
}

/** At most 3 significant decimals, no trailing zeros. */
function trim(value: number): string {
  return Number.isInteger(value)
    ? String(value)
    : String(Number(value.toFixed(Math.abs(value) >= 100 ? 1 : 2)));
}
