import { describe, expect, it } from 'vitest';
import type { AgentSnapshot, PoolOrigin } from '../agent-protocol';
import type { Frame } from '../frame';
import { CRITICAL_SLOPE_PER_S, findSocketLeak, FIRST_LOOK_POINTS, OPEN_SOCKETS_GROWTH } from './socket-leak';
import { UNDICI_SECTION_KEY } from '../network/undici-section';
import { buildSession, UPSTREAM } from './test-support/session-builder';

const createdAt: Frame[] = [
  { functionName: 'callUpstream', url: 'file:///srv/app/upstream.js', line: 8, column: 19 },
];

/** Idle sockets to UPSTREAM piling up at `perSecond` (an Agent that never times idle sockets out). */
function leakIdle(perSecond: number) {
  return (snapshot: AgentSnapshot, step: { index: number }) => {
    const leaked = Math.round(perSecond * step.index);
    snapshot.sockets.idle += leaked;
    snapshot.sockets.total += leaked;
    snapshot.peers.find((p) => p.peer === UPSTREAM)!.idle += leaked;
    const pool = snapshot.pools.find((p) => p.origin === UPSTREAM)!;
    pool.idle += leaked;
    pool.createdAt = createdAt;
  };
}

const frame = (functionName: string, file: string, line: number): Frame => ({
  functionName,
  url: `file:///srv/app/${file}`,
  line,
  column: 5,
});
// Every upstream call goes through one helper: its frames are innermost in every stack of the pool.
const helper = [frame('', 'http-json.js', 67), frame('sendRequest', 'http-json.js', 64)];
const auditCall = [...helper, frame('notifyAuditService', 'orders.js', 52), frame('handle', 'api.js', 30)];
const catalogCall = [
  ...helper,
  frame('requestJson', 'http-json.js', 85),
  frame('priceOrder', 'orders.js', 20),
];

/** Sockets to UPSTREAM held in use at `perSecond`, from a pool made before attach (no createdAt). */
function leakInUse(perSecond: number, stacks: Partial<Pick<PoolOrigin, 'heldBy' | 'openedFrom'>>) {
  return (snapshot: AgentSnapshot, step: { index: number }) => {
    const leaked = Math.round(perSecond * step.index);
    snapshot.sockets.open += leaked;
    snapshot.sockets.total += leaked;
    snapshot.peers.find((p) => p.peer === UPSTREAM)!.open += leaked;
    const pool = snapshot.pools.find((p) => p.origin === UPSTREAM)!;
    pool.inUse += leaked;
    delete pool.createdAt;
    // The agent takes a held-by stack only once a response sat unread at two collections.
    if (step.index >= 3) Object.assign(pool, { unreadResponses: leaked }, stacks);
    else if (stacks.openedFrom) pool.openedFrom = step.index % 2 === 0 ? catalogCall : auditCall;
  };
}

/** A series the shaper sets outright: open = base + perSecond × index, idle fixed, no noise. */
function exactOpen(base: number, perSecond: number) {
  return (snapshot: AgentSnapshot, step: { index: number }) => {
    snapshot.sockets.open = base + Math.round(perSecond * step.index);
    snapshot.sockets.idle = 5;
  };
}

describe('socket-leak', () => {
  it('finds idle sockets piling up, names the peer and the pool that made them', () => {
    const findings = findSocketLeak(buildSession({ snapshots: 10 }, leakIdle(5)), {});
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding).toMatchObject({ kind: 'socket-leak', severity: 'warning', frames: createdAt });
    expect(finding!.evidence.values.slopePerS).toBeGreaterThan(4);
    expect(String(finding!.evidence.values.peer1)).toContain(`${UPSTREAM} (client)`);
    expect(finding!.evidence.series.map((s) => s.name)).toContain(`peer ${UPSTREAM} (client)`);
    expect(finding!.evidence.summary).toMatch(/went from \d+ to \d+/);
  });

  it(`is critical from ${CRITICAL_SLOPE_PER_S} sockets a second`, () => {
    const [finding] = findSocketLeak(buildSession({ snapshots: 10 }, leakIdle(CRITICAL_SLOPE_PER_S * 3)), {});
    expect(finding!.severity).toBe('critical');
  });

  it('fires at the slope threshold and not just below it', () => {
    const growthSeconds = OPEN_SOCKETS_GROWTH.minGrowth / OPEN_SOCKETS_GROWTH.minSlopePerS;
    // The first look is not judged: one more snapshot than the growth needs.
    const snapshots = growthSeconds + 1 + FIRST_LOOK_POINTS;
    const at = buildSession({ snapshots }, exactOpen(40, OPEN_SOCKETS_GROWTH.minSlopePerS));
    const below = buildSession({ snapshots }, exactOpen(40, OPEN_SOCKETS_GROWTH.minSlopePerS * 0.9));
    expect(findSocketLeak(at, {})).toHaveLength(1);
    expect(findSocketLeak(below, {})).toEqual([]);
  });

  it('judges growth from the second snapshot: the first is the agent’s first look', () => {
    // 0 at the first look, then a level with two steps (a healthy demo on a loaded CI runner).
    const levels = [0, 12, 12, 12, 12, 17, 18, 18, 20];
    const session = buildSession({ snapshots: levels.length }, (snapshot, step) => {
      snapshot.sockets.open = levels[step.index]!;
      snapshot.sockets.idle = 0;
    });
    expect(findSocketLeak(session, {})).toEqual([]);
  });

  it('ignores a warm-up ramp that levels off, and the healthy timeline', () => {
    const ramp = buildSession({ snapshots: 12 }, (snapshot, step) => {
      snapshot.sockets.open += Math.min(step.index, 4) * 12;
    });
    expect(findSocketLeak(ramp, {})).toEqual([]);
    for (let seed = 1; seed <= 20; seed++) {
      expect(findSocketLeak(buildSession({ snapshots: 30, seed }), {})).toEqual([]);
    }
  });

  it('finds destroyed sockets that stay referenced', () => {
    const session = buildSession({ snapshots: 10 }, (snapshot, step) => {
      snapshot.sockets.destroyedReferenced = step.index * 3 + step.jitter(1);
    });
    const findings = findSocketLeak(session, {});
    expect(findings.map((f) => f.title)).toEqual([
      expect.stringContaining('Destroyed sockets still referenced'),
    ]);
    expect(findings[0]!.evidence.series[0]!.name).toBe('destroyedReferenced');
  });

  it('ignores a destroyed socket or two that come and go', () => {
    const session = buildSession({ snapshots: 30 }, (snapshot, step) => {
      snapshot.sockets.destroyedReferenced = step.random() < 0.3 ? 1 + Math.round(step.random()) : 0;
    });
    expect(findSocketLeak(session, {})).toEqual([]);
  });

  it('names the code that leaves responses unread, past the helper every request goes through', () => {
    const session = buildSession(
      { snapshots: 10 },
      leakInUse(5, { heldBy: auditCall, openedFrom: catalogCall }),
    );
    const [finding] = findSocketLeak(session, {});
    expect(finding!.title).toMatch(/, responses left unread by notifyAuditService \(orders\.js:52\)$/);
    expect(finding!.frames).toEqual(auditCall);
    expect(finding!.evidence.values).toMatchObject({ heldBy: 'notifyAuditService', openedBy: 'requestJson' });
    expect(finding!.evidence.summary).toContain(
      'Responses left unread by notifyAuditService (orders.js:52); new sockets opened by requestJson.',
    );
  });

  it('names the request that opens new sockets when no response sits unread (a pool made before attach)', () => {
    const session = buildSession({ snapshots: 10 }, leakInUse(5, { openedFrom: auditCall }));
    const [finding] = findSocketLeak(session, {});
    expect(finding!.title).toMatch(/, new sockets opened by notifyAuditService \(orders\.js:52\)$/);
    expect(finding!.frames).toEqual(auditCall);
    expect(finding!.evidence.values.heldBy).toBeUndefined();
  });

  it('cites where a pool made after attach was made, and its opener beside it', () => {
    const session = buildSession({ snapshots: 10 }, (snapshot, step) => {
      leakIdle(5)(snapshot, step);
      snapshot.pools.find((p) => p.origin === UPSTREAM)!.openedFrom = auditCall;
    });
    const [finding] = findSocketLeak(session, {});
    expect(finding!.title).toMatch(/, pool made by callUpstream \(upstream\.js:8\)$/);
    expect(finding!.frames).toEqual(createdAt);
    expect(finding!.evidence.values).toMatchObject({ createdBy: 'callUpstream', openedBy: '(anonymous)' });
  });

  it('cites where the pools holding the sockets were made, not an earlier pool to the same peer', () => {
    // An agent per audit call (after attach), beside a catalog pool made at start-up to the same upstream.
    const startUp = [frame('startOrdersApi', 'api.js', 12)];
    const perCall = [frame('postAuditRecord', 'audit.js', 47), frame('handle', 'api.js', 30)];
    const session = buildSession({ snapshots: 10 }, (snapshot, step) => {
      leakIdle(5)(snapshot, step);
      const leaking = snapshot.pools.find((p) => p.origin === UPSTREAM)!;
      leaking.createdAt = perCall;
      const catalog = { ...leaking, poolId: 'http.Agent#1', idle: 2, inUse: 1, createdAt: startUp };
      snapshot.pools.unshift(catalog);
    });
    const [finding] = findSocketLeak(session, {});
    expect(finding!.title).toMatch(/, pool made by postAuditRecord \(audit\.js:47\)$/);
    expect(finding!.frames).toEqual(perCall);
  });

  it('says nothing of code when no pool of the peer has a stack', () => {
    const session = buildSession({ snapshots: 10 }, leakInUse(5, {}));
    const [finding] = findSocketLeak(session, {});
    expect(finding!.title).toMatch(/to \d+$/);
    expect(finding!.frames).toEqual([]);
  });

  it('names the code behind fetch connections too (undici pools: first dispatch and newest connection)', () => {
    const fetchCall = [frame('pollInventory', 'inventory.js', 13), frame('tick', 'inventory.js', 30)];
    const session = buildSession({ snapshots: 10 }, (snapshot, step) => {
      leakInUse(5, {})(snapshot, step);
      snapshot.pools = snapshot.pools.filter((p) => p.origin !== UPSTREAM);
      const pool: PoolOrigin = {
        poolId: 'undici.Agent#1 (global)',
        kind: 'undici',
        origin: UPSTREAM,
        inUse: 5 * step.index,
        idle: 0,
        queued: 0,
        maxSockets: null,
        keepAlive: true,
        // Where the global Agent first dispatched: a request, not where it was made.
        createdAt: catalogCall,
        ...(step.index >= 2 ? { openedFrom: fetchCall } : {}),
      };
      snapshot.extensions = {
        [UNDICI_SECTION_KEY]: { pools: [pool], stats: [], dispatchers: 3, totals: {} },
      };
    });
    const [finding] = findSocketLeak(session, {});
    expect(finding!.title).toMatch(/, new sockets opened by pollInventory \(inventory\.js:13\)$/);
    expect(finding!.frames).toEqual(fetchCall);
    expect(finding!.evidence.values.createdBy).toBeUndefined();
  });
});
