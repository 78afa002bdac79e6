import { describe, expect, it } from 'vitest';
import type { EventLoopStats } from '../agent-protocol';
import { longestSaturatedStretch, SATURATED_MIN_MS, type LoopSample } from './loop-saturation';

const busy: EventLoopStats = { delayP50Ms: 30, delayP99Ms: 80, delayMaxMs: 90, utilization: 0.98 };
const calm: EventLoopStats = { delayP50Ms: 2, delayP99Ms: 9, delayMaxMs: 20, utilization: 0.3 };

/** One sample a second from a pattern: B busy, c calm, o busy but holding one of our own pauses. */
function samples(pattern: string): LoopSample[] {
  return [...pattern].map((c, i) => ({ t: (i + 1) * 1000, loop: c === 'c' ? calm : busy, ours: c === 'o' }));
}

describe('longestSaturatedStretch', () => {
  it(`finds the longest stretch of at least ${SATURATED_MIN_MS} ms`, () => {
    expect(longestSaturatedStretch(samples('ccBBccBBBBc'))).toMatchObject({ fromMs: 6000, toMs: 10000 });
    expect(longestSaturatedStretch(samples('BBcBBcBB'))).toBeUndefined();
    expect(longestSaturatedStretch(samples('BBB'))).toMatchObject({ fromMs: 0, toMs: 3000 });
  });

  it('neither counts nor breaks on an interval holding our own pause, nor ends a stretch with one', () => {
    const stretch = longestSaturatedStretch(samples('cBoBBoc'));
    expect(stretch).toMatchObject({ fromMs: 1000, toMs: 5000 });
    expect(stretch!.loops).toHaveLength(3);
    expect(longestSaturatedStretch(samples('cBBooooc'))).toBeUndefined();
  });
});
