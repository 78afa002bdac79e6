/**
 * `record --pid PRIMARY` on a node:cluster service in a container of its own making (`unshare --net
 * --pid --fork --mount-proc`; upstream and load inside, `support/namespaced-cluster.ts`): the primary
 * and both workers are recorded, each through the relay into their namespace — moving each inspector
 * off the shared port, looking for open inspectors and closing them at the end included — and
 * afterwards no process of the tree listens on anything it did not listen on before. With a decoy
 * inspector on OUR 127.0.0.1 at the port the tree uses inside, neither `record` nor `ps` ever connects
 * to it, and `ps` says where the inspector listens in the tree's namespace without connecting there.
 * (The decoy answers as a Node inspector and counts connections: `support/decoy-inspector.ts`.)
 * Needs root, util-linux and iproute2; `npm run build:node` first.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NodeProcessInfo } from '../../main/ps/list-node-processes';
import { readListeningSockets } from '../../main/ps/listening-sockets';
import { readSessionFile } from '../../main/session/read-session-file';
import { reportJson, runCli } from '../support/cli';
import { namespaceSupport } from '../support/namespaced-target';
import { killNodeTargets } from '../support/node-target';
import { startDecoyInspector } from './support/decoy-inspector';
import { startNamespacedCluster } from './support/namespaced-cluster';
import { netNamespaceOf, relaysInNamespaceOf, waitUntil } from './support/relays';

const unsupported = namespaceSupport();
const dir = mkdtempSync(join(tmpdir(), 'hyperscope-container-cluster-'));
afterEach(killNodeTargets);

/** `record --pid PID --duration DURATION -o FILE --interval 500ms`, run to its end. */
function record(pid: number, duration: string, file: string) {
  const args = ['record', '--pid', String(pid), '--duration', duration, '--interval', '500ms', '-o', file];
  return runCli(args, { timeoutMs: 60_000 });
}

/** The inodes of the sockets each of `pids` listens on, read from its `/proc/PID/net/tcp{,6}` rows. */
async function listeningInodes(pids: number[]): Promise<string> {
  const each = await Promise.all(pids.map((pid) => readListeningSockets(pid)));
  return JSON.stringify(each.map((sockets) => sockets.map((s) => s.inode).sort()));
}

describe.skipIf(unsupported !== null)(
  `a node:cluster service in a container${unsupported ? ` — skipped: ${unsupported}` : ''}`,
  () => {
    it('record --pid PRIMARY records the primary and both workers through the relay, places the starvation on the workers, and leaves no inspector open', async () => {
      const cluster = await startNamespacedCluster({ inspectPort: 9229 });
      const tree = [cluster.primary, ...cluster.workers];
      const before = await listeningInodes(tree);
      const netns = await netNamespaceOf(cluster.primary);
      const file = join(dir, 'cluster.hyperscope');
      const result = await record(cluster.primary, '6s', file);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toMatch(
        /inspector at 127\.0\.0\.1:\d+ in the network namespace of .*through a relay/,
      );
      expect(result.stderr).toContain(
        `recording pid ${cluster.primary} (Node ${process.version}) and its 2 cluster workers to`,
      );
      expect(result.stderr).not.toContain('warning');

      const session = await readSessionFile(file);
      expect(session.header.target.pid).toBe(cluster.primary);
      expect(session.snapshots.length).toBeGreaterThanOrEqual(5);
      expect(session.sources.map((s) => s.info.pid).sort()).toEqual([...cluster.workers].sort());
      for (const source of session.sources) {
        expect(source.info).toMatchObject({ kind: 'process', threadId: 0 });
        expect(source.end, source.info.label).toBeNull();
        expect(source.snapshots.length, source.info.label).toBeGreaterThanOrEqual(5);
        expect(source.cpuProfiles.length, source.info.label).toBeGreaterThan(0);
      }
      const report = await reportJson(file);
      const starved = report.findings.filter((f) => f.kind === 'pool-starvation');
      expect(starved.length, JSON.stringify(report.findings.map((f) => f.kind))).toBeGreaterThan(0);
      for (const finding of starved) expect(cluster.workers).toContain(finding.place?.pid);

      // Left as found: every inspector opened in the tree closed again (moved ones included), no relay left.
      await waitUntil(
        async () => (await listeningInodes(tree)) === before,
        'every inspector of the tree to close',
      );
      await waitUntil(async () => (await relaysInNamespaceOf(netns)).length === 0, 'the relay to exit');
    }, 90_000);

    it('record never connects to a decoy inspector on our 127.0.0.1 at the port the tree uses inside', async () => {
      const decoy = await startDecoyInspector();
      const cluster = await startNamespacedCluster({ inspectPort: decoy.port });
      const file = join(dir, 'decoy.hyperscope');
      const result = await record(cluster.primary, '3s', file);
      expect(result.code, result.stderr).toBe(0);
      expect((await readSessionFile(file)).sources.map((s) => s.info.pid).sort()).toEqual(
        [...cluster.workers].sort(),
      );
      expect(decoy.requests()).toEqual([]);
      expect(decoy.connections()).toBe(0);
    }, 90_000);

    it('ps shows where the inspector listens in the tree’s namespace, unverified, and connects nowhere', async () => {
      const decoy = await startDecoyInspector();
      const cluster = await startNamespacedCluster({ inspectPort: decoy.port });
      process.kill(cluster.primary, 'SIGUSR1');
      await waitUntil(
        async () => (await readListeningSockets(cluster.primary)).some((s) => s.port === decoy.port),
        `the primary to open its inspector on ${decoy.port} inside`,
      );
      const ps = await runCli(['ps', '--json'], { timeoutMs: 30_000 });
      expect(ps.code, ps.stderr).toBe(0);
      const listed = (JSON.parse(ps.stdout) as { processes: NodeProcessInfo[] }).processes;
      expect(listed.find((p) => p.pid === cluster.primary)).toMatchObject({
        role: 'primary',
        ownNamespaces: ['net', 'pid', 'mnt'],
        inspector: { host: '127.0.0.1', port: decoy.port, namespace: 'own', verified: false },
      });
      // Node signalled the workers to open theirs on the same port inside: they could not.
      for (const worker of cluster.workers)
        expect(listed.find((p) => p.pid === worker)).toMatchObject({ role: 'worker', inspector: null });
      const table = await runCli(['ps'], { timeoutMs: 30_000 });
      expect(table.stdout).toMatch(
        new RegExp(
          `^[├└│─ ]*${cluster.primary} +primary +\\S+ +127\\.0\\.0\\.1:${decoy.port} \\(ns\\) `,
          'm',
        ),
      );
      expect(decoy.requests()).toEqual([]);
      expect(decoy.connections()).toBe(0);
    }, 60_000);
  },
);
