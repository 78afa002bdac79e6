/** Figures as people read them: durations, byte sizes, shares. Plain ASCII, fixed decimals. */

/** `850 ms`, `12.3 s`, `4.5 min`, `2.0 h` for `ms` milliseconds. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${round(ms, ms < 10 ? 1 : 0)} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 7_200_000) return `${(ms / 60_000).toFixed(1)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

/** `512 B`, `48.0 KiB`, `54.2 MiB`, `1.5 GiB` for `bytes`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** `35%` for a ratio of 0.35. */
export function formatPercent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
