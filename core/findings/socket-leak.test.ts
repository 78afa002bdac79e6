import { describe, expect, it } from 'vitest';
import type { AgentSnapshot } from '../agent-protocol';
import type { Frame } from '../frame';
import { CRITICAL_SLOPE_PER_S, findSocketLeak, OPEN_SOCKETS_GROWTH } from './socket-leak';
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
    const snapshots = growthSeconds + 1;
    const at = buildSession({ snapshots }, exactOpen(40, OPEN_SOCKETS_GROWTH.minSlopePerS));
    const below = buildSession({ snapshots }, exactOpen(40, OPEN_SOCKETS_GROWTH.minSlopePerS * 0.9));
    expect(findSocketLeak(at, {})).toHaveLength(1);
    expect(findSocketLeak(below, {})).toEqual([]);
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
});
