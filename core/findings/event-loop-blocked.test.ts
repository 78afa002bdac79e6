import { describe, expect, it } from 'vitest';
import type { AgentSnapshot } from '../agent-protocol';
import type { Frame } from '../frame';
import {
  findEventLoopBlocked,
  MIN_STALLS_IN_WINDOW,
  STALL_MAX_DELAY_MS,
  WINDOW_SNAPSHOTS,
} from './event-loop-blocked';
import { buildSession } from './test-support/session-builder';

const hotFrames: Frame[] = [
  { functionName: 'pbkdf2Sync', url: 'node:internal/crypto/pbkdf2', line: 66, column: 30 },
  { functionName: 'hashPassword', url: 'file:///srv/app/auth.js', line: 21, column: 10 },
];

/** Synchronous work of `blockMs` per request at saturation, in the snapshots `stalled(index)` picks. */
function block(blockMs: number, utilization: number, stalled: (index: number) => boolean) {
  return (snapshot: AgentSnapshot, step: { index: number; jitter: (a: number) => number }) => {
    if (!stalled(step.index)) return;
    snapshot.eventLoop = {
      delayP50Ms: blockMs * 0.6,
      delayP99Ms: blockMs + step.jitter(10),
      delayMaxMs: blockMs + 20 + step.jitter(10),
      utilization,
    };
  };
}

describe('event-loop-blocked', () => {
  it('finds a saturated, blocked loop as critical, with the hot frames and its delay series', () => {
    const session = buildSession(
      { snapshots: 10 },
      block(250, 0.98, (i) => i >= 2),
    );
    const [finding, ...rest] = findEventLoopBlocked(session, { hotStack: hotFrames });
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ kind: 'event-loop-blocked', severity: 'critical', frames: hotFrames });
    expect(finding!.evidence.values).toMatchObject({ stalledSnapshots: 8, snapshots: 10 });
    expect(finding!.evidence.series.map((s) => `${s.name} (${s.unit})`)).toEqual([
      'delay p99 (ms)',
      'delay max (ms)',
      'utilization (ratio)',
    ]);
  });

  it('warns for stalls the loop recovers from between requests', () => {
    const session = buildSession(
      { snapshots: 10 },
      block(150, 0.4, (i) => i % 2 === 0),
    );
    expect(findEventLoopBlocked(session, {}).map((f) => f.severity)).toEqual(['warning']);
  });

  it(`needs ${MIN_STALLS_IN_WINDOW} stalls within ${WINDOW_SNAPSHOTS} snapshots`, () => {
    const stalls = (indexes: number[]) =>
      buildSession(
        { snapshots: 40 },
        block(180, 0.7, (i) => indexes.includes(i)),
      );
    expect(findEventLoopBlocked(stalls([5, 9, 14]), {})).toHaveLength(1);
    // The same three stalls spread wider: GC pauses or one-offs, not a pattern.
    expect(findEventLoopBlocked(stalls([5, 15, 25]), {})).toEqual([]);
    expect(findEventLoopBlocked(stalls([5, 9]), {})).toEqual([]);
  });

  it(`counts a snapshot as stalled from ${STALL_MAX_DELAY_MS} ms of delay`, () => {
    const withMax = (maxMs: number) =>
      buildSession({ snapshots: 10 }, (snapshot) => {
        snapshot.eventLoop.delayMaxMs = maxMs;
      });
    expect(findEventLoopBlocked(withMax(STALL_MAX_DELAY_MS), {})).toHaveLength(1);
    expect(findEventLoopBlocked(withMax(STALL_MAX_DELAY_MS - 1), {})).toEqual([]);
  });

  it('is critical for one stall of a second or more among others', () => {
    const session = buildSession(
      { snapshots: 10 },
      block(120, 0.5, (i) => i >= 6),
    );
    session.snapshots[8]!.eventLoop.delayMaxMs = 1500;
    expect(findEventLoopBlocked(session, {})[0]!.severity).toBe('critical');
  });

  it('says nothing for the healthy timeline, GC pauses included', () => {
    for (let seed = 1; seed <= 20; seed++) {
      expect(findEventLoopBlocked(buildSession({ snapshots: 60, seed }), { hotStack: hotFrames })).toEqual(
        [],
      );
    }
  });
});
