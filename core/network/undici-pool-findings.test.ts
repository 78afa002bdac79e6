import { describe, expect, it } from 'vitest';
import type { PoolOrigin } from '../agent-protocol';
import { buildSession } from '../findings/test-support/session-builder';
import { findUndiciPoolStarvation, findUndiciSocketLeak } from './undici-pool-findings';
import type { UndiciOriginStats, UndiciSection } from './undici-section';
import { UNDICI_SECTION_KEY, readUndiciSection } from './undici-section';

const FRAME = { functionName: 'loadPrices', url: 'file:///srv/prices.js', line: 3, column: 9 };

function section(entries: { pool: PoolOrigin; connected: number }[]): UndiciSection {
  const stats: UndiciOriginStats[] = entries.map(({ pool, connected }) => ({
    poolId: pool.poolId,
    origin: pool.origin,
    connected,
    free: pool.idle,
    pending: pool.queued,
    queued: pool.queued,
    running: pool.inUse,
    size: pool.queued + pool.inUse,
  }));
  return {
    pools: entries.map((e) => e.pool),
    stats,
    dispatchers: entries.length,
    totals: { requests: 0, connects: 0, connectErrors: {} },
  };
}

function pool(over: Partial<PoolOrigin>): PoolOrigin {
  return {
    poolId: 'undici.Pool#1',
    kind: 'undici',
    origin: 'prices.internal:80',
    inUse: 1,
    idle: 1,
    queued: 0,
    maxSockets: 2,
    keepAlive: true,
    createdAt: [FRAME],
    ...over,
  };
}

describe('undici pool findings', () => {
  it('finds a starved undici pool through the http.Agent analysis, naming pool and origin', () => {
    const session = buildSession({ snapshots: 8 }, (snapshot, step) => {
      const starved = step.index >= 2;
      const p = pool(starved ? { inUse: 2, idle: 0, queued: 8 } : {});
      snapshot.extensions = { [UNDICI_SECTION_KEY]: section([{ pool: p, connected: 2 }]) };
    });
    const findings = findUndiciPoolStarvation(session, {});
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ kind: 'pool-starvation', severity: 'critical', frames: [FRAME] });
    expect(findings[0]!.evidence.values).toMatchObject({
      poolId: 'undici.Pool#1',
      origin: 'prices.internal:80',
      maxQueued: 8,
    });
    // The http pools of the same session are not reported again.
    expect(session.snapshots[0]!.pools.length).toBeGreaterThan(0);
  });

  it('finds undici connections piling up, and nothing for a steady pool', () => {
    const leaking = buildSession({ snapshots: 10 }, (snapshot, step) => {
      const p = pool({ poolId: 'undici.Agent#1 (global)', maxSockets: null, inUse: 5 * step.index, idle: 0 });
      snapshot.extensions = { [UNDICI_SECTION_KEY]: section([{ pool: p, connected: 5 * step.index }]) };
    });
    const [finding] = findUndiciSocketLeak(leaking, {});
    expect(finding).toMatchObject({ kind: 'socket-leak', frames: [FRAME] });
    expect(finding!.evidence.summary).toContain('undici.Agent#1 (global) → prices.internal:80');
    const steady = buildSession({ snapshots: 10 }, (snapshot) => {
      snapshot.extensions = { [UNDICI_SECTION_KEY]: section([{ pool: pool({}), connected: 2 }]) };
    });
    expect(findUndiciSocketLeak(steady, {})).toEqual([]);
    expect(findUndiciPoolStarvation(steady, {})).toEqual([]);
  });

  it('is critical at the http.Agent leak thresholds: 10/s, or a thousand open however slowly they came', () => {
    const leak = (from: number, perSnapshot: number) =>
      findUndiciSocketLeak(
        buildSession({ snapshots: 12 }, (snapshot, step) => {
          const connected = from + perSnapshot * step.index;
          const p = pool({ maxSockets: null, inUse: connected, idle: 0 });
          snapshot.extensions = { [UNDICI_SECTION_KEY]: section([{ pool: p, connected }]) };
        }),
        {},
      )[0]!.severity;
    expect(leak(0, 5)).toBe('warning');
    expect(leak(0, 10)).toBe('critical');
    expect(leak(980, 2)).toBe('critical');
  });
});

describe('a damaged undici section', () => {
  it('is left out rather than crashing the analyses', () => {
    const snapshot = { extensions: { undici: { pools: [null], stats: [{}] } } } as unknown as Parameters<
      typeof readUndiciSection
    >[0];
    expect(readUndiciSection(snapshot)).toBeUndefined();
  });
});
