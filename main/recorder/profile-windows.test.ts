import { describe, expect, it } from 'vitest';
import {
  MAX_HEAP_WINDOW_MS,
  MAX_PROFILE_WINDOW_MS,
  profileWindowMs,
  type ProfileKind,
} from './profile-windows';

const PRODUCTION = { profileWindowMs: 5000, heapSamplingIntervalBytes: 512 * 1024 };
const DETAIL = { profileWindowMs: 5000, heapSamplingIntervalBytes: 32 * 1024 };

const lengths = (
  options: { profileWindowMs: number; ringMs?: number | null; heapSamplingIntervalBytes: number },
  count: number,
  kind: ProfileKind = 'cpu',
) => Array.from({ length: count }, (_, index) => profileWindowMs(options, index, kind));

describe('profile windows', () => {
  it('keeps the first two short (an allocated and a still-alive one), then doubles up to a minute', () => {
    expect(lengths(PRODUCTION, 8)).toEqual([5000, 5000, 10_000, 20_000, 40_000, 60_000, 60_000, 60_000]);
    expect(Math.max(...lengths(PRODUCTION, 100))).toBe(MAX_PROFILE_WINDOW_MS);
  });

  it('makes allocation windows a minute, then five minutes at production intervals (a minute at --detail)', () => {
    expect(lengths(PRODUCTION, 5, 'heap')).toEqual([5000, 5000, 60_000, 300_000, 300_000]);
    expect(lengths(DETAIL, 5, 'heap')).toEqual([5000, 5000, 60_000, 60_000, 60_000]);
    expect(Math.max(...lengths(PRODUCTION, 100, 'heap'))).toBe(MAX_HEAP_WINDOW_MS);
    expect(Math.max(...lengths(DETAIL, 100, 'heap'))).toBe(MAX_PROFILE_WINDOW_MS);
  });

  it('stays within a quarter of a ring, so the ring keeps several whole windows', () => {
    expect(lengths({ ...PRODUCTION, ringMs: 60_000 }, 6)).toEqual([
      5000, 5000, 10_000, 15_000, 15_000, 15_000,
    ]);
    expect(lengths({ ...PRODUCTION, ringMs: 60_000 }, 4, 'heap')).toEqual([5000, 5000, 15_000, 15_000]);
    // Never shorter than the first windows, however short the ring.
    expect(lengths({ ...PRODUCTION, ringMs: 10_000 }, 4)).toEqual([5000, 5000, 5000, 5000]);
  });

  it('never shortens a first window chosen longer than the cap', () => {
    expect(lengths({ ...PRODUCTION, profileWindowMs: 90_000 }, 3)).toEqual([90_000, 90_000, 90_000]);
  });
});
