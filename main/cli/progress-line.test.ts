import { expect, it } from 'vitest';
import { buildSession } from '../../core/findings/test-support/session-builder';
import { UNDICI_SECTION_KEY } from '../../core/network/undici-section';
import { progressLine } from './progress-line';

it('counts requests queued in undici pools as well as in http.Agent pools', () => {
  const [snapshot] = buildSession({ snapshots: 1 }, (s) => {
    s.pools[0]!.queued = 2;
    const pool = { ...s.pools[0]!, poolId: 'undici.Agent#1', kind: 'undici' as const, queued: 8 };
    s.extensions = {
      [UNDICI_SECTION_KEY]: {
        pools: [pool],
        stats: [],
        dispatchers: 1,
        totals: { requests: 0, connects: 0 },
      },
    };
  }).snapshots;
  expect(progressLine(42, 3000, 3, snapshot!)).toContain('queued 10');
});
