import { describe, expect, it } from 'vitest';
import { compareSessions } from '../bridge/compare-sessions';
import { buildSession } from '../findings/test-support/session-builder';
import { STARVED_FETCH_POOL as fetchPool, setUndiciPools } from '../findings/test-support/undici-pools';
import { summarizeSession } from '../report/summarize-session';
import { allPools, queuedInAllPools } from './all-pools';

/** A session whose fetch pool starves from the 3rd snapshot while every http.Agent pool has room. */
const starvedFetch = buildSession({ snapshots: 5 }, (snapshot, step) => {
  setUndiciPools(snapshot, step.index >= 2 ? [fetchPool] : [{ ...fetchPool, queued: 0 }]);
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
