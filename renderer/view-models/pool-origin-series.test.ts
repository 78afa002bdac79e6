import { describe, expect, it } from 'vitest';
import {
  BOUNDED_MAX_SOCKETS,
  BOUNDED_UPSTREAM,
  buildSession,
  TEST_START_TIME,
} from '../../core/findings/test-support/session-builder';
import {
  STARVED_FETCH_POOL as fetchPool,
  setUndiciPools,
} from '../../core/findings/test-support/undici-pools';
import { poolOriginSeries } from './pool-origin-series';

describe('pools over time', () => {
  // The fetch pool has no connection in the first two snapshots (so it is not listed), then starves.
  const session = buildSession({ snapshots: 4, seed: 3 }, (snapshot, step) => {
    for (const pool of snapshot.pools) pool.queued = 0;
    setUndiciPools(snapshot, step.index >= 2 ? [{ ...fetchPool, queued: step.index * 4 }] : []);
  });
  const series = poolOriginSeries(session.snapshots, TEST_START_TIME);

  it('has one series per pool × origin of both kinds, the worst queue first', () => {
    expect(series).toHaveLength(3);
    expect(series[0]).toMatchObject({ kind: 'undici', origin: 'prices.internal:80', peakQueued: 12 });
    expect(series.slice(1).map((s) => s.kind)).toEqual(['http', 'http']);
    for (const s of series) expect(s.points.map((p) => p.t)).toEqual([1, 2, 3, 4]);
  });

  it('gives in use, idle, queued and the limit at every snapshot, empty where the pool was not listed', () => {
    expect(series[0]!.points.map((p) => [p.inUse, p.queued, p.limit])).toEqual([
      [0, 0, null],
      [0, 0, null],
      [4, 8, 4],
      [4, 12, 4],
    ]);
    const bounded = series.find((s) => s.origin === BOUNDED_UPSTREAM)!;
    expect(bounded.points.map((p) => p.limit)).toEqual(Array(4).fill(BOUNDED_MAX_SOCKETS));
    expect(bounded.points.map((p) => p.idle)).toEqual(
      session.snapshots.map((s) => s.pools.find((p) => p.origin === BOUNDED_UPSTREAM)!.idle),
    );
  });
});
