import { describe, expect, it } from 'vitest';
import { formatBytes, scaleBytes, trimDecimals } from './bytes';
import { formatPercent } from './percent';

describe('bytes', () => {
  it('scales to the largest binary unit reached, keeping the sign', () => {
    expect(scaleBytes(512)).toEqual({ value: 512, unit: 'B' });
    expect(scaleBytes(1536)).toEqual({ value: 1.5, unit: 'KiB' });
    expect(scaleBytes(-3 * 1024 ** 2)).toEqual({ value: -3, unit: 'MiB' });
    expect(scaleBytes(2 * 1024 ** 5)).toEqual({ value: 2048, unit: 'TiB' });
  });

  it('formats with at most two decimals and no trailing zeros', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(2 * 1024 ** 2)).toBe('2 MiB');
    expect(formatBytes(1234567)).toBe('1.18 MiB');
    expect(trimDecimals(150.26)).toBe('150.3');
  });
});

describe('formatPercent', () => {
  it('rounds to whole percent', () => {
    expect(formatPercent(0.354)).toBe('35%');
    expect(formatPercent(1)).toBe('100%');
  });
});
