/**
 * The diff of two sessions: allocation profiles are scaled by the time their windows cover (not the
 * sessions' lengths), and CPU leaves out (idle), (program) and (root) unless asked to keep them.
 */
import type { Protocol } from 'devtools-protocol';
import { describe, expect, it } from 'vitest';
import { buildSession, TEST_START_TIME } from '../findings/test-support/session-builder';
import { profileSetOfSession } from '../import/from-session';
import type { Session } from '../session/session';
import { diffInputs } from './diff-report';

const frame = (functionName: string, url = 'file:///srv/app.js'): Protocol.Runtime.CallFrame => ({
  functionName,
  scriptId: url ? '7' : '0',
  url,
  lineNumber: url ? 9 : -1,
  columnNumber: url ? 4 : -1,
});

/** An allocation window from `fromS` to `toS` (s after the start) in which `work` allocated `bytes`. */
function allocWindow(fromS: number, toS: number, includesCollected: boolean, bytes = 1000) {
  return {
    meta: {
      type: 'profile-begin' as const,
      id: `a${fromS}-${includesCollected}`,
      kind: 'alloc' as const,
      startTime: TEST_START_TIME + fromS * 1000,
      endTime: TEST_START_TIME + toS * 1000,
      samplingInterval: 256,
      includesCollected,
    },
    nodes: [
      { id: 1, parent: 0, callFrame: frame('(root)', ''), selfSize: 0 },
      { id: 2, parent: 1, callFrame: frame('work'), selfSize: bytes },
    ],
    samples: [{ size: bytes, nodeId: 2, ordinal: 1 }],
  };
}

/** A 1 s CPU window: `idleMs` ms of (idle), `workMs` ms of `work`, one sample per ms. */
function cpuWindow(idleMs: number, workMs: number) {
  const samples = [...Array<number>(idleMs).fill(2), ...Array<number>(workMs).fill(3)];
  const profile: Protocol.Profiler.Profile = {
    nodes: [
      { id: 1, callFrame: frame('(root)', ''), children: [2, 3] },
      { id: 2, callFrame: frame('(idle)', '') },
      { id: 3, callFrame: frame('work') },
    ],
    startTime: 0,
    endTime: 1e6,
    samples,
    timeDeltas: samples.map(() => 1000),
  };
  const meta = {
    type: 'profile-begin' as const,
    id: 'cpu',
    kind: 'cpu' as const,
    startTime: TEST_START_TIME,
    endTime: TEST_START_TIME + 1000,
    samplingInterval: 1000,
  };
  return { meta, profile };
}

function session(seconds: number, parts: Partial<Pick<Session, 'allocProfiles' | 'cpuProfiles'>>): Session {
  return { ...buildSession({ snapshots: seconds }), ...parts };
}

const diffOf = (base: Session, current: Session, allFrames = false) =>
  diffInputs(
    { name: 'base', set: profileSetOfSession(base) },
    { name: 'current', set: profileSetOfSession(current) },
    { allFrames },
  );

describe('diffInputs', () => {
  it('scales allocations by the time their windows cover, allocated and alive apart', () => {
    // 8 s and 10 s sessions that both sampled allocated bytes for 5 s; alive for 4 s and 2 s.
    const base = session(8, {
      allocProfiles: [allocWindow(0, 2.5, true), allocWindow(3, 5.5, true), allocWindow(0, 4, false)],
    });
    const current = session(10, { allocProfiles: [allocWindow(0, 5, true), allocWindow(0, 2, false)] });
    const set = profileSetOfSession(base);
    expect(set.allocated!.durationUs).toBe(5e6);
    expect(set.alive!.durationUs).toBe(4e6);

    const report = diffOf(base, current);
    const allocated = report.profiles.find((p) => p.profile === 'allocated')!;
    const alive = report.profiles.find((p) => p.profile === 'alive')!;
    // The sessions' lengths would have given 10 / 8 = 1.25 for both.
    expect(allocated.baseScale).toBe(1);
    expect(allocated.functions[0]).toMatchObject({ baseFlat: 2000, currentFlat: 1000, flatDelta: -1000 });
    expect(alive.baseScale).toBe(0.5);
    expect(alive.functions[0]).toMatchObject({ baseFlat: 500, currentFlat: 1000, flatDelta: 500 });
  });

  it('leaves (idle) out of CPU by default, and keeps it with allFrames', () => {
    const base = session(3, { cpuProfiles: [cpuWindow(900, 100)] });
    const current = session(3, { cpuProfiles: [cpuWindow(700, 300)] });
    const names = (allFrames: boolean) =>
      diffOf(base, current, allFrames).profiles[0]!.functions.map((f) => f.frame.functionName);

    const codeOnly = diffOf(base, current);
    const cpu = codeOnly.profiles.find((p) => p.profile === 'cpu')!;
    expect(names(false)).toEqual(['work']);
    // Totals are the code's time, ~100 ms and ~300 ms (with (idle), both would be ~1 s).
    expect(cpu.baseTotal).toBeCloseTo(100_000, -4);
    expect(cpu.currentTotal).toBeCloseTo(300_000, -4);
    expect(cpu.baseScale).toBe(1);
    expect(codeOnly.notes).toContain('cpu: (idle), (program) and (root) left out (--all-frames keeps them)');
    expect(names(true).sort()).toEqual(['(idle)', 'work']);
  });
});
