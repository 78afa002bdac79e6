import { describe, expect, it } from 'vitest';
import { intervalsWithOwnPause } from './own-pauses';
import type { Session } from '../session/session';
import type { AgentSnapshot } from '../agent-protocol';

const window = (startTime: number, endTime: number) => ({
  meta: {
    type: 'profile-begin' as const,
    id: 'x',
    kind: 'cpu' as const,
    startTime,
    endTime,
    samplingInterval: 1000,
  },
  profile: { nodes: [], startTime: 0, endTime: 0 },
});

describe('intervalsWithOwnPause', () => {
  it('marks the intervals holding the install, a profiler start and a window end', () => {
    const session = {
      header: { createdAt: 1000 },
      snapshots: [1100, 2000, 3000, 4000, 5000].map((time) => ({ time }) as AgentSnapshot),
      cpuProfiles: [window(1500, 3500)],
      allocProfiles: [],
    } as unknown as Session;
    expect(intervalsWithOwnPause(session)).toEqual([true, true, false, true, false]);
  });
});
