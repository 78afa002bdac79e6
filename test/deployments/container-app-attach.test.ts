/**
 * Attach in the app (`main/bridge/live-target.ts`) to a service in network, PID and mount namespaces of
 * its own: the same attach by PID as the CLI, through the relay, and live snapshots remapped with source
 * maps only the target's mount namespace holds. Needs root, util-linux and iproute2; `npm run build:node`.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AgentSnapshot } from '../../core/agent-protocol';
import { promiseSectionOf } from '../../core/chains/promise-sections';
import type { RecordingSink } from '../../main/bridge/backend-ports';
import { attachLive } from '../../main/bridge/live-target';
import { CLI } from '../support/cli';
import { namespaceSupport, startNamespacedNode } from '../support/namespaced-target';
import { killNodeTargets } from '../support/node-target';
import { waitFor } from '../support/wait-for';
import { bundleService } from './support/bundle-service';
import { netNamespaceOf, relaysInNamespaceOf, waitUntil } from './support/relays';

const unsupported = namespaceSupport();
afterAll(killNodeTargets);

/** True when a snapshot's promise groups name the TypeScript source (remapped from service.cjs). */
function namesTheSource(snapshot: AgentSnapshot): boolean {
  const groups = promiseSectionOf(snapshot)?.groups ?? [];
  return groups.some((group) => group.frames.some((frame) => frame.url.endsWith('container-service.ts')));
}

describe.skipIf(unsupported !== null)(
  `Attach in the app to a container${unsupported ? ` — skipped: ${unsupported}` : ''}`,
  () => {
    it('records live through the relay, with frames remapped from files only the container sees', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'hyperscope-app-container-'));
      await bundleService(join(dir, 'build'));
      const inside = join(dir, 'app');
      mkdirSync(inside);
      const target = await startNamespacedNode(join(inside, 'service.cjs'), [], {
        pidNamespace: true,
        privateDir: { path: inside, copyFrom: join(dir, 'build') },
      });
      const netns = await netNamespaceOf(target.hostPid);
      const live = await attachLive(
        { kind: 'pid', pid: target.hostPid },
        { cliPath: CLI, sessionsDir: dir, version: 'test' },
      );
      const snapshots: AgentSnapshot[] = [];
      const sink: RecordingSink = {
        snapshot: (snapshot) => snapshots.push(snapshot),
        sourceSnapshot: () => undefined,
        sources: () => undefined,
        finding: () => undefined,
        ended: () => undefined,
      };
      try {
        expect(live.target.pid).toBe(target.hostPid);
        const recording = await live.record({ intervalMs: 300 }, sink);
        await waitFor(
          () => snapshots.some(namesTheSource),
          20_000,
          () => `${snapshots.length} snapshots, none naming container-service.ts`,
        );
        await recording.stop();
      } finally {
        await live.detach();
      }
      await waitUntil(async () => (await relaysInNamespaceOf(netns)).length === 0, 'the relay to exit');
    });
  },
);
