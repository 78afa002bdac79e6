import { describe, expect, it } from 'vitest';
import type { PoolOrigin } from '../../core/agent-protocol';
import {
  BOUNDED_MAX_SOCKETS,
  BOUNDED_UPSTREAM,
  buildSession,
  TEST_START_TIME,
} from '../../core/findings/test-support/session-builder';
import { UNDICI_SECTION_KEY } from '../../core/network/undici-section';
import { poolOriginSeries } from './pool-origin-series';

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

describe('pools over time', () => {
  // The fetch pool has no connection in the first two snapshots (so it is not listed), then starves.
  const session = buildSession({ snapshots: 4, seed: 3 }, (snapshot, step) => {
    for (const pool of snapshot.pools) pool.queued = 0;
    const pools = step.index >= 2 ? [{ ...fetchPool, queued: step.index * 4 }] : [];
    snapshot.extensions = {
      [UNDICI_SECTION_KEY]: { pools, stats: [], dispatchers: 1, totals: { requests: 0, connects: 0 } },
    };
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
