/**
 * The app's backend recording a real node:cluster service live, as the app does (attach by the
 * primary's pid, record): the recording state lists every worker with its pid and label, each worker's
 * snapshots stream as `sourceSnapshot` events, the pool starvation is reported placed on a worker, and
 * once stopped the session that opens holds every worker, its findings placed.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EventChannels, RecordingState } from '../../core/bridge/contract';
import { createBackend } from '../../main/bridge/backend';
import { defaultPorts } from '../../main/bridge/default-ports';
import { downloadOutput } from '../../main/bridge/download-output';
import { startClusterService, startLoad, startSlowUpstream } from '../support/cluster-service';
import { ensureNodeBundles } from '../support/node-bundles';
import { killNodeTargets } from '../support/node-target';
import { waitFor } from '../support/wait-for';

let upstream: Awaited<ReturnType<typeof startSlowUpstream>>;

beforeAll(async () => {
  ensureNodeBundles();
  upstream = await startSlowUpstream(250);
}, 120_000);
afterAll(() => upstream.close());
afterEach(killNodeTargets);

describe('the app recording a cluster live', () => {
  it('lists the workers, streams their snapshots, places the starvation, and opens every part', async () => {
    const cluster = await startClusterService(2, upstream.port);
    const load = startLoad(cluster.port, 12, 40_000);
    const backend = createBackend(
      defaultPorts({
        info: { mode: 'browser', version: 'test', nativeDialogs: false },
        output: downloadOutput,
        pickSessionFile: async () => null,
        cliPath: 'out/cli/hyperscope.js',
      }),
    );
    let state: RecordingState | null = null;
    const snapshotsOf = new Map<string, number>();
    const findings: EventChannels['finding'][] = [];
    backend.subscribe((event, payload) => {
      if (event === 'recordingState') state = payload as RecordingState;
      if (event === 'finding') findings.push(payload as EventChannels['finding']);
      if (event === 'sourceSnapshot') {
        const { source } = payload as EventChannels['sourceSnapshot'];
        snapshotsOf.set(source, (snapshotsOf.get(source) ?? 0) + 1);
      }
    });
    try {
      await backend.handlers.attach({ kind: 'pid', pid: cluster.primary.pid });
      await backend.handlers.startRecording({ intervalMs: 500, heap: false });
      const workerIds = cluster.workers.map((pid) => `p${pid}`);
      await waitFor(
        () => workerIds.every((id) => (snapshotsOf.get(id) ?? 0) >= 3),
        30_000,
        () => `sources ${JSON.stringify(state?.sources)}, snapshots ${JSON.stringify([...snapshotsOf])}`,
      );
      const sources = (state as RecordingState | null)?.sources ?? [];
      expect(sources.map((s) => [s.id, s.pid, s.kind, s.ended]).sort()).toEqual(
        workerIds.map((id, i) => [id, cluster.workers[i], 'process', null]).sort(),
      );
      expect(sources.every((s) => /^worker \d of 2/.test(s.label))).toBe(true);
      await waitFor(
        () => findings.some((f) => f.kind === 'pool-starvation' && workerIds.includes(f.place?.part ?? '')),
        30_000,
        () => `findings so far: ${findings.map((f) => `${f.kind}@${f.place?.part ?? 'main'}`).join(', ')}`,
      );

      const opened = await backend.handlers.stopRecording(undefined);
      expect(opened.session.sources.map((s) => s.info.id).sort()).toEqual([...workerIds].sort());
      const starved = opened.findings.filter((f) => f.kind === 'pool-starvation');
      expect(starved.length).toBeGreaterThan(0);
      expect(starved.every((f) => workerIds.includes(f.place?.part ?? ''))).toBe(true);
      expect((await backend.handlers.getState(undefined)).recording.sources).toEqual([]);
    } finally {
      await load.stop();
      await backend.dispose();
    }
  }, 120_000);
});
