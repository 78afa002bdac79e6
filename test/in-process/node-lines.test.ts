// In-process mode on the Node lines people run (22, 24, 26 from the npm registry; 20 is this Node, in
// in-process.test.ts): an ES-module service with `--import hyperscope/register`, and a CommonJS one with
// `--require`, each recorded between two SIGUSR2s, with no port opened and the service's own code in its
// CPU profile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundListeningSockets } from '../faults/support/listening-addresses';
import { reportJson } from '../support/cli';
import { ensureNodeBundles } from '../support/node-bundles';
import { killNodeTargets } from '../support/node-target';
import { nodeBinary, type NodeMajor } from '../support/node-versions';
import { waitForSnapshots } from '../support/session-file';
import {
  type AppOptions,
  startInProcessApp,
  startRecordingBySignal,
  stopRecordingBySignal,
} from './support/in-process-app';

beforeAll(ensureNodeBundles);
afterAll(killNodeTargets);

const CASES: { major: NodeMajor; fixture: string; preload: NonNullable<AppOptions['preload']> }[] = [
  { major: 22, fixture: 'busy-service.mjs', preload: '--import' },
  { major: 24, fixture: 'starving-service.cjs', preload: '--require' },
  { major: 26, fixture: 'busy-service.mjs', preload: '--import' },
];

describe('in-process mode on Node 22, 24 and 26', () => {
  it.each(CASES)(
    'Node $major, $preload $fixture',
    async ({ major, fixture, preload }) => {
      const node = await nodeBinary(major);
      const app = await startInProcessApp(fixture, {
        node,
        preload,
        env: { HYPERSCOPE_OPTIONS: '--interval 500ms' },
      });
      const ports = (await boundListeningSockets(app.pid)).length;
      const path = await startRecordingBySignal(app);
      await waitForSnapshots(path, 4, 30_000);
      expect((await boundListeningSockets(app.pid)).length).toBe(ports);
      await stopRecordingBySignal(app);

      const report = await reportJson(path);
      expect(report.target.attachedBy).toBe('in-process');
      expect(report.target.nodeVersion).toMatch(new RegExp(`^v${major}\\.`));
      expect(report.endReason).toBe('stopped');
      expect(report.snapshots).toBeGreaterThanOrEqual(4);
      expect(report.cpu?.windows).toBeGreaterThanOrEqual(1);
      if (fixture === 'busy-service.mjs')
        expect(report.cpu!.top.map((line) => line.frame.functionName)).toContain('hashCatalogue');
      expect(report.allocations).toBeDefined();
    },
    300_000,
  );
});
