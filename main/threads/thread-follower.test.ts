// The thread follower on a real process, with a stand-in for the session that records what it adds:
// which threads it adds and how it names them, its cap, a thread started later, and its stop.
import { afterEach, describe, expect, it } from 'vitest';
import { killNodeTargets, startNodeTarget } from '../../test/support/node-target';
import { waitFor } from '../../test/support/wait-for';
import { attachByPid } from '../inspector/attach-pid';
import type { AttachedTarget } from '../inspector/attached-target';
import type { Recording, RecordingResult } from '../recorder/recording';
import type { FollowContext, NewSource, RecordedSource } from '../sources/source-follower';
import { followThreadsOf, threadLabel } from './thread-follower';

// Three threads at start, and two named as Hyperscope's own (the in-process recorder, the demo's load);
// `spawn()` starts one more.
const SCRIPT = `
const { Worker, isMainThread } = require('node:worker_threads');
if (isMainThread) {
  for (let i = 0; i < 3; i++) new Worker(__filename);
  globalThis.recorderId = new Worker(__filename, { name: 'hyperscope-recorder' }).threadId;
  globalThis.demoLoadId = new Worker(__filename, { name: 'hyperscope-demo-load' }).threadId;
  globalThis.spawn = () => new Worker(__filename).threadId;
  setInterval(() => {}, 1000);
  setTimeout(() => console.log('ready'), 300);
} else setInterval(() => {}, 1000);
`;

afterEach(killNodeTargets);

interface Added {
  target: AttachedTarget;
  source: NewSource;
  end(): void;
}

/** A session stand-in: `add` keeps what it is given; each source's recording ends when told. */
function followContext(parent: AttachedTarget) {
  const added: Added[] = [];
  const warnings: string[] = [];
  const context: FollowContext = {
    parent: { id: 'main', kind: 'process', label: 'pid', target: parent } as RecordedSource,
    async add(target, source) {
      let end!: () => void;
      const finished = new Promise<RecordingResult>((resolve) => {
        end = () => resolve({ path: '', reason: 'stopped', snapshots: 0, durationMs: 0 });
      });
      added.push({ target, source, end });
      const recording = { finished } as Recording;
      const { threadId, label } = source;
      return { id: `t${threadId}`, kind: 'thread', threadId, label, target, recording };
    },
    warn: (message) => warnings.push(message),
    finishing: () => false,
  };
  return { context, added, warnings };
}

describe('the thread follower', () => {
  it('adds each thread up to its cap, named by threadId and script, then threads started later; stop detaches them', async () => {
    const process = await attachByPid((await startNodeTarget(SCRIPT)).pid);
    const { context, added, warnings } = followContext(process);
    const following = await followThreadsOf(context, 2);
    try {
      await waitFor(
        () => added.length === 2 && warnings.length === 1,
        20_000,
        () => `${added.length}`,
      );
      const ids = added.map((a) => a.source.threadId);
      expect(new Set(ids).size).toBe(2);
      for (const { source, target } of added) {
        expect(source).toEqual({
          kind: 'thread',
          threadId: source.threadId,
          label: threadLabel(source.threadId, 'file:///x/target.cjs'),
        });
        expect(target).toMatchObject({
          pid: process.pid,
          openedByUs: false,
          thread: { threadId: source.threadId },
        });
      }
      expect(warnings[0]).toMatch(/more than 2 worker threads at once/);

      // One thread's recording ends: room for one more, started now.
      added[0]!.end();
      await added[0]!.target.stop();
      const later = await process.session.send('Runtime.evaluate', {
        expression: 'spawn()',
        returnByValue: true,
      });
      await waitFor(
        () => added.length === 3,
        20_000,
        () => `${added.length} added`,
      );
      expect(added[2]!.source.threadId).toBe(later.result.value);
    } finally {
      await following.stop();
    }
    // Stopped: the recorded threads' sessions stay until their recordings end, then all are detached.
    expect(added[1]!.target.session.isOpen()).toBe(true);
    for (const a of added) a.end();
    await waitFor(
      () => added.every((a) => !a.target.session.isOpen()),
      5_000,
      () => 'sessions still open',
    );
    await process.stop();
  });

  it("leaves Hyperscope's own threads alone: the in-process recorder's, the demo's load", async () => {
    const process = await attachByPid((await startNodeTarget(SCRIPT)).pid);
    const { context, added } = followContext(process);
    const following = await followThreadsOf(context, 32);
    // Node reports the running threads at once, in one burst: by the third added, all were seen.
    await waitFor(
      () => added.length >= 3,
      20_000,
      () => `${added.length} added`,
    );
    const own = await process.session.send('Runtime.evaluate', {
      expression: '[recorderId, demoLoadId]',
      returnByValue: true,
    });
    const ownIds = own.result.value as number[];
    expect(ownIds).toHaveLength(2);
    for (const id of ownIds) expect(added.map((a) => a.source.threadId)).not.toContain(id);
    for (const a of added) a.end();
    await following.stop();
    await process.stop();
  });

  it('names a thread by its script file', () => {
    expect(threadLabel(3, 'file:///srv/app/workers/resize%20image.js')).toBe('thread 3 (resize image.js)');
    expect(threadLabel(4, '')).toBe('thread 4');
    expect(threadLabel(null, 'file:///a/b.mjs')).toBe('a thread (b.mjs)');
  });
});
