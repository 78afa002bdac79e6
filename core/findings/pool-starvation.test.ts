import { describe, expect, it } from 'vitest';
import type { Frame } from '../frame';
import { CRITICAL_LONGEST_RUN_MS, findPoolStarvation, MIN_STARVED_MS } from './pool-starvation';
import { BOUNDED_UPSTREAM, buildSession } from './test-support/session-builder';
import type { PoolOrigin } from '../agent-protocol';

const createdAt: Frame[] = [
  { functionName: 'makeClient', url: 'file:///srv/app/db.js', line: 12, column: 17 },
  { functionName: '', url: 'file:///srv/app/server.js', line: 3, column: 1 },
];

/** The bounded pool's entry in a snapshot, which every healthy snapshot has. */
const boundedPool = (pools: PoolOrigin[]): PoolOrigin => pools.find((p) => p.origin === BOUNDED_UPSTREAM)!;

/** A pool of `limit` sockets, all in use, with `queued(index)` callers waiting from `from` (inclusive) to `to`. */
function starve(limit: number, from: number, to: number, queued: (index: number) => number) {
  return (snapshot: { pools: PoolOrigin[] }, step: { index: number }) => {
    const pool = boundedPool(snapshot.pools);
    pool.maxSockets = limit;
    pool.createdAt = createdAt;
    if (step.index >= from && step.index < to) {
      pool.inUse = limit;
      pool.idle = 0;
      pool.queued = queued(step.index);
    } else {
      pool.inUse = Math.min(pool.inUse, limit - 1);
      pool.queued = 0;
    }
  };
}

describe('pool-starvation', () => {
  it('finds a small pool saturated by slow upstream calls, with its queue over time and creation frames', () => {
    // 10 sockets, a queue growing by 6 a second from the 3rd second: the demo's pool-starvation shape.
    const session = buildSession(
      { snapshots: 10 },
      starve(10, 2, 10, (i) => (i - 1) * 6),
    );
    const [finding, ...rest] = findPoolStarvation(session, {});
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ kind: 'pool-starvation', severity: 'critical', frames: createdAt });
    expect(finding!.title).toContain(BOUNDED_UPSTREAM);
    expect(finding!.evidence.values).toMatchObject({
      maxSockets: 10,
      maxQueued: 48,
      starvedSnapshots: 8,
      starvedSeconds: 8,
    });
    const names = finding!.evidence.series.map((s) => s.name);
    expect(names).toEqual(['queued', 'inUse', 'limit']);
    expect(finding!.evidence.series[0]!.points).toHaveLength(10);
    expect(finding!.evidence.series[0]!.points[5]).toEqual({ t: 6000, v: 24 });
  });

  // Starved for MIN_STARVED_MS whatever the interval: 3 snapshots in a row at 1 s, 6 at 500 ms, 2 at 2 s.
  it.each([
    [1000, 3],
    [500, 6],
    [250, 12],
    [2000, 2],
  ])(
    `at a %i ms interval fires at %i starved snapshots in a row (${MIN_STARVED_MS} ms), not one fewer`,
    (intervalMs, inARow) => {
      const snapshots = 40;
      const atBoundary = buildSession(
        { snapshots, intervalMs },
        starve(10, 4, 4 + inARow, () => 2),
      );
      const below = buildSession(
        { snapshots, intervalMs },
        starve(10, 4, 3 + inARow, () => 2),
      );
      expect(findPoolStarvation(atBoundary, {}).map((f) => f.severity)).toEqual(['warning']);
      expect(findPoolStarvation(atBoundary, {})[0]!.evidence.values['starvedSeconds']).toBe(
        (inARow * intervalMs) / 1000,
      );
      expect(findPoolStarvation(below, {})).toEqual([]);
    },
  );

  it('keeps 3 snapshots at 1 s when collections land a few ms early', () => {
    const session = buildSession(
      { snapshots: 10 },
      starve(10, 4, 7, () => 2),
    );
    // The run's last collection 10 ms early: 2.99 s from the first starved snapshot's interval start.
    session.snapshots[6]!.time -= 10;
    expect(findPoolStarvation(session, {})).toHaveLength(1);
  });

  it('never counts one starved snapshot, however long its interval', () => {
    const session = buildSession(
      { snapshots: 10, intervalMs: 5000 },
      starve(10, 4, 5, () => 2),
    );
    expect(findPoolStarvation(session, {})).toEqual([]);
  });

  it('does not join starved snapshots separated by a healthy one', () => {
    const session = buildSession({ snapshots: 12 }, (snapshot, step) => {
      starve(10, 0, 12, () => 3)(snapshot, step);
      if (step.index % 3 === 2) boundedPool(snapshot.pools).queued = 0;
    });
    expect(findPoolStarvation(session, {})).toEqual([]);
  });

  it('is critical for a shallow queue that lasts', () => {
    const seconds = CRITICAL_LONGEST_RUN_MS / 1000;
    const session = buildSession(
      { snapshots: seconds + 2 },
      starve(10, 1, seconds + 1, () => 2),
    );
    expect(findPoolStarvation(session, {})[0]!.severity).toBe('critical');
  });

  it('ignores queues on a pool without a limit, and the healthy timeline', () => {
    const unlimited = buildSession({ snapshots: 10 }, (snapshot) => {
      const pool = boundedPool(snapshot.pools);
      pool.maxSockets = null;
      pool.queued = 5;
    });
    expect(findPoolStarvation(unlimited, {})).toEqual([]);
    for (let seed = 1; seed <= 20; seed++) {
      expect(findPoolStarvation(buildSession({ snapshots: 60, seed }), {})).toEqual([]);
    }
  });
});
