import { describe, expect, it } from 'vitest';
import type { AgentSnapshot } from '../agent-protocol';
import { SESSION_SCHEMA } from './records';
import { sessionDurationMs } from './session';
import { sessionOfSnapshots, snapshotsOnlyHeader } from './session-of-snapshots';

describe('sessionOfSnapshots', () => {
  it('keeps the snapshot array it is given, so appends show in the session', () => {
    const header = snapshotsOnlyHeader({ hyperscope: 'test', createdAt: 1000, intervalMs: 500 });
    const snapshots: AgentSnapshot[] = [];
    const session = sessionOfSnapshots(header, snapshots);
    snapshots.push({ time: 3500 } as AgentSnapshot);
    expect(session.snapshots).toHaveLength(1);
    expect(sessionDurationMs(session)).toBe(2500);
    expect(session.end).toBeNull();
    expect(session.cpuProfiles).toEqual([]);
  });

  it('fills what a header without a recorder does not know', () => {
    const header = snapshotsOnlyHeader({
      hyperscope: 'live',
      createdAt: 5,
      intervalMs: 250,
      target: { attachedBy: 'launch', nodeVersion: 'v20.0.0' },
    });
    expect(header).toEqual({
      type: 'header',
      schema: SESSION_SCHEMA,
      hyperscope: 'live',
      createdAt: 5,
      target: { pid: 0, nodeVersion: 'v20.0.0', argv: [], attachedBy: 'launch' },
      options: { intervalMs: 250, durationMs: null, cpu: false, heap: false, promises: false },
    });
  });
});
