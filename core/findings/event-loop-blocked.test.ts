import { describe, expect, it } from 'vitest';
import type { AgentSnapshot } from '../agent-protocol';
import type { Frame } from '../frame';
import type { Session } from '../session/session';
import {
  findEventLoopBlocked,
  MIN_STALLS_IN_WINDOW,
  STALL_MAX_DELAY_MS,
  WINDOW_SNAPSHOTS,
} from './event-loop-blocked';
import { SATURATED_MIN_MS, SATURATED_P99_MS, SATURATED_UTILIZATION } from './loop-saturation';
import { buildSession } from './test-support/session-builder';
import { sessionProfiles } from '../profile/session-profiles';
import type { Protocol } from 'devtools-protocol';

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

/** A CPU profile window of no samples, from `startTime` to `endTime` (ms since the epoch). */
function cpuWindow(startTime: number, endTime: number): Session['cpuProfiles'][number] {
  const meta = { type: 'profile-begin' as const, id: `cpu-${startTime}`, kind: 'cpu' as const };
  return {
    meta: { ...meta, startTime, endTime, samplingInterval: 1000 },
    profile: { nodes: [], startTime: 0, endTime: 0, samples: [], timeDeltas: [] },
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

  it('finds one block of a second or more by itself, citing the stack it was caught in', () => {
    // A 3 s block whose first collection came just after it began: caught twice, 450 ms and 1.45 s in.
    const stuck: Frame[] = [
      { functionName: 'rebuildSearchIndex', url: 'file:///srv/app/index.js', line: 9, column: 3 },
    ];
    const session = buildSession({ snapshots: 10 }, (snapshot, { index }) => {
      const blockedForMs = index === 4 ? 450 : index === 5 ? 1450 : 0;
      if (!blockedForMs) return;
      snapshot.eventLoop = {
        ...snapshot.eventLoop,
        delayMaxMs: blockedForMs,
        blockedForMs,
        blockedStack: stuck,
      };
    });
    const [finding] = findEventLoopBlocked(session, { hotStack: hotFrames });
    expect(finding).toMatchObject({ severity: 'critical', frames: stuck });
    expect(finding!.evidence.values).toMatchObject({ stalledSnapshots: 2, worstMaxMs: 1450 });
    // Two stalls under a second stay a one-off.
    session.snapshots[5]!.eventLoop = {
      ...session.snapshots[5]!.eventLoop,
      delayMaxMs: 950,
      blockedForMs: 950,
    };
    expect(findEventLoopBlocked(session, {})).toEqual([]);
  });

  it('cites, of the stacks caught, the one the CPU profile says the time ran through, not the longest block', () => {
    // A loop saturated by password hashing on a machine short of CPU: one collection caught it parsing a
    // cookie 400 ms into a stall (the process was not running), two in pbkdf2Sync under hashPassword.
    const handler = { functionName: 'Server.<anonymous>', url: '/srv/app/auth.js', line: 12, column: 5 };
    const parser = { functionName: 'parserOnIncoming', url: 'node:_http_server', line: 1464, column: 11 };
    const inCookie: Frame[] = [
      { functionName: 'parseCookie', url: '/srv/app/cookies.js', line: 4, column: 9 },
      { ...handler, line: 11 },
      parser,
    ];
    const inHash: Frame[] = [
      { functionName: 'pbkdf2Sync', url: 'node:internal/crypto/pbkdf2', line: 66, column: 30 },
      { functionName: 'hashPassword', url: '/srv/app/auth.js', line: 22, column: 10 },
      handler,
      parser,
    ];
    const session = buildSession({ snapshots: 10 }, (snapshot, { index }) => {
      if (index < 3 || index > 5) return;
      const blockedForMs = index === 3 ? 400 : 150;
      const blockedStack = index === 3 ? inCookie : inHash;
      snapshot.eventLoop = { ...snapshot.eventLoop, delayMaxMs: 450, blockedForMs, blockedStack };
    });
    const frame = (id: number, name: string, url: string, line: number, children?: number[]) => ({
      id,
      callFrame: { functionName: name, url, scriptId: String(id), lineNumber: line - 1, columnNumber: 0 },
      ...(children ? { children } : {}),
    });
    const nodes: Protocol.Profiler.ProfileNode[] = [
      frame(1, '(root)', '', 0, [2]),
      frame(2, 'parserOnIncoming', 'node:_http_server', 1020, [3]),
      frame(3, '', 'file:///srv/app/auth.js', 10, [4, 6]),
      frame(4, 'hashPassword', 'file:///srv/app/auth.js', 20, [5]),
      frame(5, 'pbkdf2Sync', 'node:internal/crypto/pbkdf2', 60),
      frame(6, 'parseCookie', 'file:///srv/app/cookies.js', 2),
    ];
    const samples = [...Array<number>(90).fill(5), ...Array<number>(5).fill(6), ...Array<number>(5).fill(3)];
    const end = session.snapshots.at(-1)!.time + 60_000;
    const window = cpuWindow(end - 5000, end);
    window.profile = { nodes, samples, timeDeltas: samples.map(() => 1000), startTime: 0, endTime: 100_000 };
    session.cpuProfiles.push(window);
    const [finding] = findEventLoopBlocked(session, { profiles: sessionProfiles(session) });
    expect(finding!.frames.map((f) => f.functionName)).toEqual(inHash.map((f) => f.functionName));
  });

  it('is critical for blocks longer than the interval, whose delay histogram stayed empty (p99 0)', () => {
    // zlib.gzipSync of 3 MB per request, 900 ms each, recorded at 500 ms: the monitor's timer never ran.
    const session = buildSession({ snapshots: 10 }, (snapshot, { index }) => {
      if (index < 2) return;
      snapshot.eventLoop = {
        delayP50Ms: 0,
        delayP99Ms: 0,
        delayMaxMs: 900,
        utilization: 1,
        blockedForMs: 400,
      };
    });
    const [finding] = findEventLoopBlocked(session, {});
    expect(finding).toMatchObject({ severity: 'critical' });
    expect(finding!.evidence.values).toMatchObject({ worstP99Ms: 900 });
  });

  it('counts a stall caught in the act though one of our pauses fell in its interval', () => {
    // Three 300 ms blocks caught in the act; a CPU profile window ended during the second one.
    const session = buildSession({ snapshots: 10 }, (snapshot, { index }) => {
      if (index < 3 || index > 5) return;
      snapshot.eventLoop = { ...snapshot.eventLoop, delayMaxMs: 300, blockedForMs: 300 };
    });
    const windowEnd = session.snapshots[4]!.time - 500;
    session.cpuProfiles.push(cpuWindow(windowEnd - 5000, windowEnd));
    expect(findEventLoopBlocked(session, {})).toHaveLength(1);
    // Seen only as delay after the fact, the second stall may be our pause: not a pattern.
    session.snapshots[4]!.eventLoop.blockedForMs = 0;
    expect(findEventLoopBlocked(session, {})).toEqual([]);
  });

  it('says nothing for the healthy timeline, GC pauses included', () => {
    for (let seed = 1; seed <= 20; seed++) {
      expect(findEventLoopBlocked(buildSession({ snapshots: 60, seed }), { hotStack: hotFrames })).toEqual(
        [],
      );
    }
  });

  /** Medium blocks back to back: p99 `p99Ms`, max under the long-block threshold, from snapshot `from`. */
  function saturated(p99Ms: number, utilization: number, from: number, to = Infinity) {
    return (snapshot: AgentSnapshot, step: { index: number; jitter: (a: number) => number }) => {
      if (step.index < from || step.index >= to) return;
      snapshot.eventLoop = {
        delayP50Ms: p99Ms * 0.5,
        delayP99Ms: p99Ms + step.jitter(4),
        delayMaxMs: Math.min(STALL_MAX_DELAY_MS - 1, p99Ms + 15 + step.jitter(4)),
        utilization,
        // A short block caught in the act: whatever happened to run, not the cause.
        blockedStack: [
          { functionName: 'parseCookie', url: 'file:///srv/app/cookies.js', line: 3, column: 1 },
        ],
        blockedForMs: 30,
      };
    };
  }

  it('finds a loop saturated by medium blocks, none of them long, naming the hot stack', () => {
    // The login service of issue 15: pbkdf2Sync per request, the loop always busy, p99 ~70 ms, max < 100.
    const session = buildSession({ snapshots: 10 }, saturated(70, 0.99, 2));
    const [finding, ...rest] = findEventLoopBlocked(session, { hotStack: hotFrames });
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ kind: 'event-loop-blocked', severity: 'warning', frames: hotFrames });
    expect(finding!.title).toMatch(/^Event loop saturated: busy 99% with delay p99 \d+ ms for 8\.0 s$/);
    expect(finding!.evidence.values).toMatchObject({
      saturatedSnapshots: 8,
      snapshots: 10,
      saturatedMs: 8000,
    });
    expect(finding!.evidence.series).toHaveLength(3);
  });

  it('is critical when the saturated loop delays 1 request in 100 by 100 ms or more', () => {
    // Issue 15's numbers on Node 22/26: utilisation 100%, p99 100–109 ms in every snapshot.
    const session = buildSession({ snapshots: 10 }, (snapshot, step) => {
      snapshot.eventLoop = {
        delayP50Ms: 40,
        delayP99Ms: 104 + step.jitter(5),
        delayMaxMs: 112,
        utilization: 1,
      };
    });
    expect(findEventLoopBlocked(session, { hotStack: hotFrames })[0]).toMatchObject({ severity: 'critical' });
  });

  it(`needs ${SATURATED_MIN_MS / 1000} s of utilisation ≥ ${SATURATED_UTILIZATION} and p99 ≥ ${SATURATED_P99_MS} ms together`, () => {
    const find = (shape: Parameters<typeof buildSession>[1]) =>
      findEventLoopBlocked(buildSession({ snapshots: 20 }, shape), { hotStack: hotFrames });
    expect(find(saturated(70, 0.95, 5, 8))).toHaveLength(1);
    // A burst of two seconds (a warm-up, one batch) is not sustained.
    expect(find(saturated(70, 0.95, 5, 7))).toEqual([]);
    // Busy but answering promptly (work split into short turns): nobody waits long.
    expect(find(saturated(SATURATED_P99_MS - 10, 0.99, 0))).toEqual([]);
    // Slow turns with slack left: a tail, not a saturated loop (long blocks are judged by their own rule).
    expect(find(saturated(80, SATURATED_UTILIZATION - 0.1, 0))).toEqual([]);
  });
});
