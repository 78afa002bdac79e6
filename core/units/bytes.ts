/** Byte sizes in binary units (1 KiB = 1024 B), as people read them. */

export type BinaryUnit = 'B' | 'KiB' | 'MiB' | 'GiB' | 'TiB';

const UNITS: readonly BinaryUnit[] = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** `bytes` in the largest binary unit it reaches (at least 1 of it, up to TiB); the sign is kept. */
export function scaleBytes(bytes: number): { value: number; unit: BinaryUnit } {
  let value = bytes;
  let index = 0;
  while (Math.abs(value) >= 1024 && index < UNITS.length - 1) {
    value /= 1024;
    index++;
  }
  return { value, unit: UNITS[index]! };
}

/** `512 B`, `1.5 KiB`, `2 MiB`: the scaled value with at most 2 decimals, no trailing zeros. */
export function formatBytes(bytes: number): string {
  const { value, unit } = scaleBytes(bytes);
  return `${trimDecimals(value)} ${unit}`;
}

/** `value` with at most 2 decimals (1 from 100 up), no trailing zeros: `12.35`, `150.3`, `7`. */
export function trimDecimals(value: number): string {
  return Number.isInteger(value)
    ? String(value)
    : String(Number(value.toFixed(Math.abs(value) >= 100 ? 1 : 2)));
}
