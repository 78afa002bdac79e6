import { describe, expect, it } from 'vitest';
import { formatDurationMs, parseDurationMs } from './duration';

describe('parseDurationMs', () => {
  it.each([
    ['30s', 30_000],
    ['30', 30_000],
    ['1.5m', 90_000],
    ['500ms', 500],
    ['2h', 7_200_000],
  ])('%s → %d ms', (text, ms) => expect(parseDurationMs(text)).toBe(ms));

  it.each(['', 'abc', '-1s', '0', '10 parsecs', '1e9'])('rejects %j', (text) =>
    expect(parseDurationMs(text)).toBeNull(),
  );
});

describe('formatDurationMs', () => {
  it('reads well at every scale', () => {
    expect(formatDurationMs(850)).toBe('850 ms');
    expect(formatDurationMs(1234)).toBe('1.2 s');
    expect(formatDurationMs(185_000)).toBe('3 min 5 s');
  });
});
