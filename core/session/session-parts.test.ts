import { describe, expect, it } from 'vitest';
import {
  idlePrimary,
  poolStarvedWorker,
  resizeThreadInfo,
  withSources,
} from '../findings/test-support/multi-source-session';
import { buildSession } from '../findings/test-support/session-builder';
import { MAIN_PART_ID, sessionParts } from './session-parts';

describe('sessionParts', () => {
  it('is the session itself, as one part, without sources', () => {
    const session = buildSession({ snapshots: 3 });
    const [only, ...rest] = sessionParts(session);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ id: MAIN_PART_ID, label: 'pid 4242', kind: 'process', pid: 4242 });
    expect(only!.session).toBe(session);
  });

  it('splits a cluster with a thread into one session each, the primary first', () => {
    const worker = poolStarvedWorker(4);
    worker.header.target.nodeVersion = 'v22.1.0';
    const thread = buildSession({ snapshots: 2 });
    const session = withSources(idlePrimary(5), [
      { info: { id: 'p43', kind: 'process', pid: 43, threadId: 0, label: 'worker 1 of 1' }, session: worker },
      {
        info: resizeThreadInfo(43),
        session: thread,
        end: { time: thread.header.createdAt + 1500, reason: 'exited' },
      },
    ]);
    const parts = sessionParts(session);
    expect(parts.map((p) => [p.id, p.label, p.pid, p.threadId])).toEqual([
      ['main', 'primary (pid 4242)', 4242, 0],
      ['p43', 'worker 1 of 1', 43, 0],
      ['p43.t1', 'thread 1 (resize.js)', 43, 1],
    ]);
    const [primary, w, t] = parts.map((p) => p.session);
    expect(primary!.sources).toEqual([]);
    expect(primary!.snapshots).toHaveLength(5);
    expect(w!.snapshots).toBe(session.sources[0]!.snapshots);
    expect(w!.header.target).toMatchObject({ pid: 43, nodeVersion: 'v22.1.0' });
    expect(w!.end).toEqual(session.end);
    expect(t!.snapshots).toHaveLength(2);
    expect(t!.end).toMatchObject({ type: 'end', reason: 'target-exited' });
  });

  it('calls the header target the main thread when only threads are beside it', () => {
    const session = withSources(buildSession({ snapshots: 2 }), [
      {
        info: { id: 'p4242.t1', kind: 'thread', pid: 4242, threadId: 1, label: 'thread 1' },
        session: buildSession({ snapshots: 2 }),
      },
    ]);
    expect(sessionParts(session)[0]!.label).toBe('main thread (pid 4242)');
  });
});
