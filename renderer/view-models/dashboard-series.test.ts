import { describe, expect, it } from 'vitest';
import { buildSession, TEST_START_TIME } from '../../core/findings/test-support/session-builder';
import { UNDICI_SECTION_KEY } from '../../core/network/undici-section';
import { dashboardPoints, dashboardTiles, fdLimitWorthShowing } from './dashboard-series';

describe('dashboard view-model', () => {
  const session = buildSession({ snapshots: 5 }, (snapshot, step) => {
    snapshot.pools[1]!.queued = step.index * 10;
    snapshot.fds = { open: 900 + step.index * 20, limit: 1024 };
  });
  const points = dashboardPoints(session.snapshots, TEST_START_TIME);

  it('has one point per snapshot, seconds since the start, pools summed over origins', () => {
    expect(points.map((p) => p.t)).toEqual([1, 2, 3, 4, 5]);
    expect(points.map((p) => p.poolQueued)).toEqual([0, 10, 20, 30, 40]);
    const first = session.snapshots[0]!;
    expect(points[0]!.poolInUse).toBe(first.pools[0]!.inUse + first.pools[1]!.inUse);
    expect(points[0]!.utilizationPct).toBeCloseTo(first.eventLoop.utilization * 100);
    expect(points[0]!.pendingPromises).toBeNull();
    expect(points[0]!.tlsClientCompleted).toBeNull();
  });

  it('counts TLS handshakes apart by side: a connection within the process is one on each', () => {
    const tls = buildSession({ snapshots: 1 }, (snapshot) => {
      const host = (side: 'client' | 'server', completed: number) => ({ side, completed, host: 'h:443' });
      snapshot.extensions = {
        tls: {
          intervalMs: 1000,
          hosts: [host('client', 9), host('server', 9), host('client', 2)],
          pending: [],
          inProgress: { tcp: 1, tls: 0 },
        },
      };
    });
    expect(dashboardPoints(tls.snapshots, TEST_START_TIME)[0]).toMatchObject({
      tlsClientCompleted: 11,
      tlsServerCompleted: 9,
      tlsInProgress: 1,
    });
  });

  it('sums undici pools with http.Agent pools', () => {
    const fetch = buildSession({ snapshots: 1 }, (snapshot) => {
      const pool = { ...snapshot.pools[0]!, poolId: 'undici.Agent#1', kind: 'undici' as const, queued: 8 };
      const totals = { requests: 0, connects: 0 };
      snapshot.extensions = { [UNDICI_SECTION_KEY]: { pools: [pool], stats: [], dispatchers: 1, totals } };
    });
    const [snapshot] = fetch.snapshots;
    const httpQueued = snapshot!.pools.reduce((n, p) => n + p.queued, 0);
    expect(dashboardPoints(fetch.snapshots, TEST_START_TIME)[0]!.poolQueued).toBe(httpQueued + 8);
  });

  it('makes tiles of the latest and worst values and flags queues and a nearly full FD table', () => {
    const tiles = dashboardTiles(points);
    const queued = tiles.find((t) => t.label === 'Requests queued for a socket')!;
    expect(queued).toMatchObject({ latest: 40, peak: 40, alarming: true });
    expect(tiles.find((t) => t.label === 'Open file descriptors')).toMatchObject({
      latest: 980,
      limit: 1024,
      alarming: true,
    });
    // Without the promise collector there is no pending-promises tile rather than a zero.
    expect(tiles.some((t) => t.label === 'Pending promises')).toBe(false);
    expect(fdLimitWorthShowing(points)).toBe(true);
    expect(dashboardTiles([]).every((t) => t.latest === null)).toBe(true);
  });

  it('leaves the FD limit out of the chart when far above the count', () => {
    const far = dashboardPoints(buildSession({ snapshots: 3 }).snapshots, TEST_START_TIME);
    expect(fdLimitWorthShowing(far)).toBe(false);
  });
});
