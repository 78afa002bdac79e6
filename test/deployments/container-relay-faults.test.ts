/**
 * The relay into a container's network namespace under faults: killed while a recording runs (the
 * recording goes on: the connected sockets are Hyperscope's, not the relay's), and Hyperscope killed
 * with SIGKILL (the relay leaves when its IPC channel closes). Needs root, util-linux and iproute2;
 * `npm run build:node` first.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSessionFile } from '../../main/session/read-session-file';
import { startCli } from '../support/cli';
import { namespaceSupport, startNamespacedNode } from '../support/namespaced-target';
import { killNodeTargets } from '../support/node-target';
import { countSnapshots, waitForSnapshots } from '../support/session-file';
import { bundleService } from './support/bundle-service';
import { netNamespaceOf, relaysInNamespaceOf, waitUntil } from './support/relays';

const unsupported = namespaceSupport();
const dir = mkdtempSync(join(tmpdir(), 'hyperscope-relay-faults-'));
let service: string;

beforeAll(async () => {
  service = await bundleService(join(dir, 'build'));
});
afterAll(killNodeTargets);

/** A target in a network namespace, a `record --pid` of it, and its relay once it runs. */
async function recordingThroughRelay(name: string) {
  const target = await startNamespacedNode(service, []);
  const netns = await netNamespaceOf(target.hostPid);
  const output = join(dir, `${name}.hyperscope`);
  const run = startCli([
    'record',
    '--pid',
    String(target.hostPid),
    '--interval',
    '300ms',
    '-q',
    '-o',
    output,
  ]);
  await waitForSnapshots(output, 2);
  const [relay] = await relaysInNamespaceOf(netns);
  expect(relay).toBeGreaterThan(0);
  return { target, netns, output, run, relay: relay! };
}

describe.skipIf(unsupported !== null)(
  `the relay under faults${unsupported ? ` — skipped: ${unsupported}` : ''}`,
  () => {
    it('a relay killed mid-recording does not end the recording', async () => {
      const { output, run, relay } = await recordingThroughRelay('relay-killed');
      process.kill(relay, 'SIGKILL');
      const atKill = countSnapshots(output);
      await waitForSnapshots(output, atKill + 3);
      run.child.kill('SIGINT');
      const result = await run.done;
      expect(result.code, result.stderr).toBe(0);
      const session = await readSessionFile(output);
      expect(session.end?.reason).toBe('interrupted');
      expect(session.snapshots.length).toBeGreaterThanOrEqual(atKill + 3);
    });

    it('a recorder killed with SIGKILL leaves no relay behind', async () => {
      const { netns, run } = await recordingThroughRelay('recorder-killed');
      run.child.kill('SIGKILL');
      await run.done;
      await waitUntil(async () => (await relaysInNamespaceOf(netns)).length === 0, 'the relay to exit');
    });
  },
);
