import { describe, expect, it } from 'vitest';
import type { PoolOrigin } from '../agent-protocol';
import { compareSessions } from '../bridge/compare-sessions';
import { buildSession } from '../findings/test-support/session-builder';
import { summarizeSession } from '../report/summarize-session';
import { allPools, queuedInAllPools } from './all-pools';
import { UNDICI_SECTION_KEY } from './undici-section';

const fetchPool: PoolOrigin = {
  poolId: 'undici.Agent#1',
  kind: 'undici',
  origin: 'prices.internal:80',
  inUse: 4,
  idle: 0,
  queued: 8,
  maxSockets: 4,
  keepAlive: true,
};

/** A session whose fetch pool starves from the 3rd snapshot while every http.Agent pool has room. */
const starvedFetch = buildSession({ snapshots: 5 }, (snapshot, step) => {
  const pools = step.index >= 2 ? [fetchPool] : [{ ...fetchPool, queued: 0 }];
  snapshot.extensions = {
    [UNDICI_SECTION_KEY]: {
      pools,
      stats: [],
      dispatchers: 1,
      totals: { requests: 0, connects: 0, connectErrors: {} },
    },
  };
});

describe('all pools of a snapshot', () => {
  it('lists http.Agent pools then undici pools, each pool × origin once', () => {
    const snapshot = starvedFetch.snapshots[3]!;
    expect(snapshot.pools.every((pool) => pool.queued === 0)).toBe(true);
    expect(allPools(snapshot)).toEqual([...snapshot.pools, fetchPool]);
    const folded = { ...snapshot, pools: [...snapshot.pools, fetchPool] };
    expect(allPools(folded)).toHaveLength(folded.pools.length);
    expect(queuedInAllPools(snapshot)).toBe(8);
  });

  it('counts undici queues in the report summary and the session comparison', () => {
    expect(summarizeSession(starvedFetch).peakQueued).toBe(8);
    const named = { name: 'fetch', session: starvedFetch, findings: [] };
    const rows = compareSessions(named, named).rows;
    expect(rows.find((row) => row.metric === 'Peak queued requests')).toMatchObject({ base: 8, current: 8 });
  });
});
