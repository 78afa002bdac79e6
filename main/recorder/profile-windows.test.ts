import { describe, expect, it } from 'vitest';
import { MAX_PROFILE_WINDOW_MS, profileWindowMs } from './profile-windows';

const lengths = (options: { profileWindowMs: number; ringMs?: number | null }, count: number) =>
  Array.from({ length: count }, (_, index) => profileWindowMs(options, index));

describe('profile windows', () => {
  it('keeps the first two short (an allocated and a still-alive one), then doubles up to a minute', () => {
    expect(lengths({ profileWindowMs: 5000 }, 8)).toEqual([
      5000, 5000, 10_000, 20_000, 40_000, 60_000, 60_000, 60_000,
    ]);
    expect(Math.max(...lengths({ profileWindowMs: 5000 }, 100))).toBe(MAX_PROFILE_WINDOW_MS);
  });

  it('stays within a quarter of a ring, so the ring keeps several whole windows', () => {
    expect(lengths({ profileWindowMs: 5000, ringMs: 60_000 }, 6)).toEqual([
      5000, 5000, 10_000, 15_000, 15_000, 15_000,
    ]);
    // Never shorter than the first windows, however short the ring.
    expect(lengths({ profileWindowMs: 5000, ringMs: 10_000 }, 4)).toEqual([5000, 5000, 5000, 5000]);
  });

  it('never shortens a first window chosen longer than the cap', () => {
    expect(lengths({ profileWindowMs: 90_000 }, 3)).toEqual([90_000, 90_000, 90_000]);
  });
});
