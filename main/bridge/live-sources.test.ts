// The app's view of a live multi-process recording, against real processes: a "primary" and a "worker"
// recorded into one session by startRecordingWithSources (a follower adds the worker, as the cluster
// follower does), watched as the app watches them: listed with pid and label, snapshots streamed, and
// marked as ended early when the worker exits.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AgentSnapshot } from '../../core/agent-protocol';
import type { LiveSource } from '../../core/bridge/contract';
import { ensureNodeBundles } from '../../test/support/node-bundles';
import { IDLE_SCRIPT, killNodeTargets, startNodeTarget } from '../../test/support/node-target';
import { waitFor } from '../../test/support/wait-for';
import { attachByPid } from '../inspector/attach-pid';
import { DEFAULT_RECORDING_OPTIONS } from '../recorder/recording-options';
import { startRecordingWithSources } from '../sources/record-with-sources';
import type { SourceFollower } from '../sources/source-follower';
import { watchLiveSources } from './live-sources';

beforeAll(ensureNodeBundles, 120_000);
afterEach(killNodeTargets);

describe('watchLiveSources', () => {
  it('lists a recorded worker, streams its snapshots, and marks it when it exits', async () => {
    const [primary, worker] = await Promise.all([startNodeTarget(IDLE_SCRIPT), startNodeTarget(IDLE_SCRIPT)]);
    const workerTarget = await attachByPid(worker.pid);
    const follower: SourceFollower = {
      name: 'test workers',
      async follow(context) {
        if (context.parent.id !== 'main') return null;
        await context.add(workerTarget, { kind: 'process', threadId: 0, label: 'worker 1 of 1' });
        return { stop: async () => undefined };
      },
    };
    const output = join(mkdtempSync(join(tmpdir(), 'hyperscope-live-sources-')), 's.hyperscope');
    const recording = await startRecordingWithSources(
      await attachByPid(primary.pid),
      { ...DEFAULT_RECORDING_OPTIONS, output, intervalMs: 250, cpu: false, heap: false, promises: false },
      'test',
      [follower],
    );
    const lists: LiveSource[][] = [];
    const snapshots: { source: string; snapshot: AgentSnapshot }[] = [];
    const stop = watchLiveSources(recording, {
      intervalMs: 250,
      changed: (sources) => lists.push(sources),
      follow: (source) => (snapshot) => snapshots.push({ source: source.id, snapshot }),
    });
    try {
      const id = `p${worker.pid}`;
      expect(lists.at(-1)).toEqual([
        { id, kind: 'process', pid: worker.pid, threadId: 0, label: 'worker 1 of 1', ended: null },
      ]);
      await waitFor(
        () => snapshots.length >= 2,
        15_000,
        () => `worker snapshots: ${snapshots.length}`,
      );
      expect(new Set(snapshots.map((s) => s.source))).toEqual(new Set([id]));

      worker.child.kill('SIGKILL');
      await waitFor(
        () => lists.at(-1)?.[0]?.ended !== null,
        15_000,
        () => `sources after the worker's exit: ${JSON.stringify(lists.at(-1))}`,
      );
      expect(lists.at(-1)?.[0]?.ended?.reason).toMatch(/^(exited|lost)$/);
    } finally {
      stop();
      await recording.stop();
    }
  }, 60_000);
});
