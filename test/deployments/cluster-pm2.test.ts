/**
 * A real PM2 (7.0.4, installed from the npm registry into `.cache/` on first use) in a temporary
 * PM2_HOME: its God Daemon with two apps in cluster mode and one in fork mode. `ps` shows the daemon
 * over its apps; `record --pid DAEMON` records every app, labelled by name and pm_id; afterwards no
 * process of the tree has an inspector open. The daemon and its apps open their inspector on a port
 * of this test's (NODE_OPTIONS), the fork-mode app on the same one as the daemon — as with 9229.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { NodeProcessInfo } from '../../main/ps/list-node-processes';
import { findOpenInspector } from '../../main/ps/open-inspector-in';
import { readSessionFile } from '../../main/session/read-session-file';
import { runCli } from '../support/cli';
import { freePort } from '../support/cluster-service';
import { installedPackage } from '../support/node-versions';

const PM2_VERSION = '7.0.4';
const home = mkdtempSync(join(tmpdir(), 'hyperscope-pm2-'));
let pm2 = '';
let inspectPort = 0;

async function runPm2(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [pm2, ...args], {
    env: { ...process.env, PM2_HOME: home, NODE_OPTIONS: `--inspect-port=127.0.0.1:${inspectPort}` },
    timeout: 60_000,
  });
  return stdout;
}

beforeAll(async () => {
  pm2 = await installedPackage(`pm2@${PM2_VERSION}`, `pm2-${PM2_VERSION}`, 'pm2/bin/pm2');
  inspectPort = await freePort();
  const app = join(home, 'app.cjs');
  writeFileSync(app, "require('node:http').createServer((q, s) => s.end('ok')).listen(0, '127.0.0.1');");
  await runPm2('start', app, '-i', '2', '--name', 'api');
  await runPm2('start', app, '--name', 'solo');
}, 300_000);

afterAll(async () => {
  await runPm2('kill').catch(() => undefined);
});

it('shows the daemon over its apps and records every app of a real PM2 by name and pm_id', async () => {
  const daemon = Number(readFileSync(join(home, 'pm2.pid'), 'utf8'));
  const tree = await appsListed(daemon, 3);
  expect(tree.find((p) => p.pid === daemon)).toMatchObject({
    role: 'pm2-daemon',
    pm2Daemon: { version: PM2_VERSION, home },
  });
  const apps = tree.filter((p) => p.parent === daemon);
  expect(apps.map((p) => [p.role, p.pm2App]).sort()).toEqual([
    ['pm2-app', { pmId: 0, name: 'api' }],
    ['pm2-app', { pmId: 1, name: 'api' }],
    ['pm2-app', { pmId: 2, name: 'solo' }],
  ]);

  const file = join(home, 'pm2.hyperscope');
  const result = await runCli(['record', '--pid', String(daemon), '--duration', '3s', '-o', file]);
  expect(result.code, result.stderr).toBe(0);
  expect(result.stderr).toContain(`recording pid ${daemon} (Node ${process.version}) and its 3 PM2 apps to`);
  const session = await readSessionFile(file);
  expect(session.sources.map((s) => s.info.label).sort()).toEqual([
    'api (pm_id 0)',
    'api (pm_id 1)',
    'solo (pm_id 2)',
  ]);
  expect(session.sources.every((s) => s.snapshots.length > 0)).toBe(true);
  const open = await Promise.all([daemon, ...apps.map((p) => p.pid)].map((pid) => findOpenInspector(pid)));
  expect(open.filter(Boolean)).toEqual([]);
}, 120_000);

/** `hyperscope ps --json`'s processes, once `daemon` has `apps` children (polled, 20 s at most). */
async function appsListed(daemon: number, apps: number): Promise<NodeProcessInfo[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const result = await runCli(['ps', '--json']);
    const processes = (JSON.parse(result.stdout) as { processes: NodeProcessInfo[] }).processes;
    if (processes.filter((p) => p.parent === daemon).length === apps) return processes;
    if (Date.now() > deadline) throw new Error(`PM2 daemon ${daemon}: ${result.stdout}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
