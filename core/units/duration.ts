/** Durations as users type them: `30s`, `1.5m`, `500ms`, `2h`, or a bare number of seconds. */
const UNITS_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Parses a duration into ms; returns null when the text is not one. */
export function parseDurationMs(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(text);
  if (!match) return null;
  const value = Number(match[1]) * UNITS_MS[match[2] ?? 's']!;
  return Number.isFinite(value) && value > 0 ? Math.round(value) : null;
}

/** `1.2 s`, `850 ms`, `3 min 5 s`: short and readable. */
export function formatDurationMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
}
