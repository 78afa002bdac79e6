/**
 * `record --pid` and `chains --pid` on a service in a container of its own making: a network namespace
 * (`unshare --net`), then also a PID and mount namespace (`--pid --fork --mount-proc`). Hyperscope must
 * reach the inspector on the target's 127.0.0.1 (through its relay), never ours — a decoy inspector
 * listens on the same port here — and read source maps that only the target's mount namespace sees.
 * Without CAP_SYS_ADMIN it must say in one line what is needed and what to do instead.
 * Needs root, util-linux and iproute2; `npm run build:node` first.
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readSessionFile } from '../../main/session/read-session-file';
import { readListeningSockets } from '../../main/ps/listening-sockets';
import { bundleService } from './support/bundle-service';
import { netNamespaceOf, relaysInNamespaceOf, waitUntil } from './support/relays';
import { CLI, runCli } from '../support/cli';
import type { NamespaceOptions } from '../support/namespaced-target';
import { asUser, namespaceSupport, rootlessSupport, startNamespacedNode } from '../support/namespaced-target';
import { IDLE_SCRIPT, killNodeTargets, startNodeTarget } from '../support/node-target';
import { waitFor } from '../support/wait-for';

const unsupported = namespaceSupport();
/** The unprivileged user of the rootless and no-privilege tests. */
const NOBODY = 65534;
const dir = mkdtempSync(join(tmpdir(), 'hyperscope-containers-'));
// Readable by the unprivileged user of the last test.
chmodSync(dir, 0o755);
let service: string;

beforeAll(async () => {
  service = await bundleService(join(dir, 'build'));
});
afterEach(killNodeTargets);
afterAll(killNodeTargets);

/** A host Node process whose inspector listens on a free port of OUR 127.0.0.1: the decoy. */
async function decoyInspectorPort(): Promise<number> {
  const decoy = await startNodeTarget(IDLE_SCRIPT, ['--inspect=127.0.0.1:0']);
  let port = 0;
  await waitFor(
    () => (port = Number(/ws:\/\/127\.0\.0\.1:(\d+)\//.exec(decoy.output.stderr)?.[1] ?? 0)) > 0,
    10_000,
    () => `the decoy announced no inspector: ${decoy.output.stderr}`,
  );
  return port;
}

const CONTAINERS: Array<[string, NamespaceOptions]> = [
  ['a network namespace (unshare --net)', {}],
  ['network, PID and mount namespaces (unshare --net --pid --fork --mount-proc)', { pidNamespace: true }],
];

describe.skipIf(unsupported !== null)(
  `services in containers${unsupported ? ` — skipped: ${unsupported}` : ''}`,
  () => {
    it.each(CONTAINERS)(
      'record --pid reaches a target in %s on its own 127.0.0.1, not ours',
      async (_, namespaces) => {
        const port = await decoyInspectorPort();
        const target = await startNamespacedNode(service, [`--inspect-port=127.0.0.1:${port}`], namespaces);
        const netns = await netNamespaceOf(target.hostPid);
        const output = join(dir, `record-${target.hostPid}.hyperscope`);
        const result = await runCli(
          [
            'record',
            '--pid',
            String(target.hostPid),
            '--duration',
            '3s',
            '--interval',
            '500ms',
            '-o',
            output,
          ],
          { timeoutMs: 40_000 },
        );
        expect(result.code, result.stderr).toBe(0);
        expect(result.stderr).toMatch(/through a relay/);
        const session = await readSessionFile(output);
        expect(session.header.target.pid).toBe(target.hostPid);
        expect(session.snapshots.length).toBeGreaterThanOrEqual(3);
        const cpu = session.cpuProfiles[0]?.profile;
        expect(cpu?.samples?.length ?? 0).toBeGreaterThan(0);
        expect(JSON.stringify(cpu?.nodes.map((n) => n.callFrame.functionName))).toContain('priceOrder');
        // Left as found: its inspector closed again inside, and no relay left running.
        await waitFor(
          () =>
            !target.output.stderr.includes('Debugger listening') ||
            /Debugger ending/.test(target.output.stderr),
          10_000,
          () => `the target's inspector stayed open: ${target.output.stderr}`,
        );
        // The relay exits when the CLI disconnects from it (at the latest, when the CLI exits).
        await waitUntil(async () => (await relaysInNamespaceOf(netns)).length === 0, 'the relay to exit');
        expect((await readListeningSockets(target.hostPid)).some((s) => s.port === port)).toBe(false);
      },
    );

    it('chains --pid remaps frames with source maps only the target’s mount namespace sees', async () => {
      const inside = join(dir, 'app');
      mkdirSync(inside, { recursive: true });
      const target = await startNamespacedNode(
        join(inside, 'service.cjs'),
        ['--inspect-port=127.0.0.1:9229'],
        {
          pidNamespace: true,
          privateDir: { path: inside, copyFrom: join(dir, 'build') },
        },
      );
      const result = await runCli(['chains', '--pid', String(target.hostPid), '--wait', '1s'], {
        timeoutMs: 30_000,
      });
      expect(result.code, result.stderr).toBe(0);
      // The groups' frames, remapped from service.cjs (which our /tmp does not hold) to the .ts source.
      expect(result.stdout).toMatch(/waitForStock\s+\S*container-service\.ts:11:9/);
      expect(result.stdout).toMatch(/handleOrder\s+\S*container-service\.ts:15:9/);
    });

    it('says in one line when the inspector opened but its namespace cannot reach it (loopback down)', async () => {
      const target = await startNamespacedNode(service, [], { loopbackDown: true });
      const output = join(dir, `lo-down-${target.hostPid}.hyperscope`);
      const result = await runCli(['record', '--pid', String(target.hostPid), '-o', output], {
        timeoutMs: 30_000,
      });
      expect(result.code).not.toBe(0);
      const lines = result.stderr.trim().split('\n');
      expect(lines, result.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^hyperscope record: process \d+ opened 127\.0\.0\.1:9229 in its network namespace, but it cannot be reached there: .*ENETUNREACH.*loopback interface .* down/,
      );
    });

    const rootless = unsupported ?? rootlessSupport(NOBODY);
    it.skipIf(rootless !== null)(
      `a rootless container (user and network namespaces of an unprivileged user): its owner records it without root${rootless ? ` — skipped: ${rootless}` : ''}`,
      async () => {
        const target = await startNamespacedNode(service, [], { rootlessAs: NOBODY });
        const out = mkdtempSync(join(tmpdir(), 'hyperscope-rootless-'));
        chmodSync(out, 0o777);
        const output = join(out, 'rootless.hyperscope');
        const result = await runAs(NOBODY, [
          process.execPath,
          CLI,
          'record',
          '--pid',
          String(target.hostPid),
          '--duration',
          '2s',
          '-o',
          output,
        ]);
        expect(result.code, result.stderr).toBe(0);
        expect(result.stderr).toMatch(/through a relay/);
        const session = await readSessionFile(output);
        expect(session.snapshots.length).toBeGreaterThanOrEqual(2);
        expect(session.cpuProfiles[0]?.profile.samples?.length ?? 0).toBeGreaterThan(0);
      },
    );

    it.each([
      ['as another user (setpriv to nobody)', (command: string[]) => runAs(NOBODY, command)],
      ['as root without CAP_SYS_ADMIN (capsh --drop)', runWithoutSysAdmin],
    ])(
      'without the privilege, %s, says in one line what is needed and what to do instead',
      async (_, run) => {
        const target = await startNamespacedNode(service, [], { asUser: NOBODY });
        const output = join(dir, `denied-${target.hostPid}.hyperscope`);
        const result = await run([
          process.execPath,
          CLI,
          'record',
          '--pid',
          String(target.hostPid),
          '-o',
          output,
        ]);
        expect(result.code).not.toBe(0);
        const lines = result.stderr.trim().split('\n');
        expect(lines, result.stderr).toHaveLength(1);
        expect(lines[0]).toMatch(/^hyperscope record: process \d+ runs in another network namespace/);
        expect(lines[0]).toMatch(/needs root or CAP_SYS_ADMIN/);
        expect(lines[0]).toMatch(/kill -USR1 1/);
        expect(lines[0]).toMatch(/kubectl port-forward/);
        expect(lines[0]).toMatch(/hyperscope record --url 127\.0\.0\.1:9229/);
        // It failed before signalling: the target's inspector was never opened.
        expect(target.output.stderr).not.toMatch(/Debugger listening/);
      },
    );
  },
);

interface Run {
  code: number | null;
  stderr: string;
}

/** Runs `command` as `uid` (setpriv), to completion (30 s at most). */
function runAs(uid: number, command: string[]): Promise<Run> {
  return runToEnd('setpriv', [...asUser(uid), ...command]);
}

/** Runs `command` as root without CAP_SYS_ADMIN in its bounding set (capsh). */
function runWithoutSysAdmin(command: string[]): Promise<Run> {
  return runToEnd('capsh', ['--drop=cap_sys_admin', '--', '-c', command.map(shellQuote).join(' ')]);
}

function runToEnd(file: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(file, args, { timeout: 30_000 }, (_error, _stdout, stderr) =>
      resolve({ code: child.exitCode, stderr }),
    );
  });
}

function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
