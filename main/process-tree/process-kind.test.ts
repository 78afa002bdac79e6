import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { argvOfCmdline, isNodeExecutable } from '../ps/process-identity';
import { childLabel, childRole } from './child-label';
import type { NodeChild } from './node-children';
import { parsePpidOfStat } from './proc-stat';
import { parseEnviron } from './process-environ';
import { processKindOf } from './process-kind';
import { processRoleOf } from './process-role';

/** /proc files of a real PM2 7.0.4 run (see the fixture's `_note`). */
interface ProcFiles {
  pid: number;
  stat: string;
  cmdline: string;
  environ: string;
  exe: string;
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/pm2-7.0.4.json', import.meta.url), 'utf8')) as {
  processes: Record<'daemon' | 'clusterApp0' | 'clusterApp1' | 'forkApp', ProcFiles>;
};
const { daemon, clusterApp0, clusterApp1, forkApp } = fixture.processes;

function child(files: ProcFiles): NodeChild {
  const argv = argvOfCmdline(files.cmdline);
  return {
    pid: files.pid,
    identity: { pid: files.pid, exe: files.exe, argv, name: 'node', isNode: isNodeExecutable(files.exe) },
    kind: processKindOf(argv, parseEnviron(files.environ)),
  };
}

describe('a PM2 tree from /proc (real PM2 7.0.4 files)', () => {
  it('reads the parent from stat, whose name holds spaces and a colon', () => {
    expect(parsePpidOfStat(daemon.stat)).toBe(1);
    for (const app of [clusterApp0, clusterApp1, forkApp]) expect(parsePpidOfStat(app.stat)).toBe(daemon.pid);
    expect(parsePpidOfStat('42 (a) b) c) S 7 42 42 0')).toBe(7);
    expect(parsePpidOfStat('garbage')).toBeNull();
  });

  it('reads a NUL-padded process title as one argument', () => {
    expect(argvOfCmdline(daemon.cmdline)).toEqual(['PM2 v7.0.4: God Daemon (/tmp/pm2-exp/home)']);
    expect(argvOfCmdline(forkApp.cmdline)).toEqual(['node /tmp/pm2-exp/app.cjs']);
    expect(argvOfCmdline('node\0server.js\0--port\x008080\0')).toEqual([
      'node',
      'server.js',
      '--port',
      '8080',
    ]);
    expect(argvOfCmdline('npm exec vitest      \0')).toEqual(['npm exec vitest']);
  });

  it('tells the daemon, its cluster-mode apps (pm2_env, NODE_UNIQUE_ID) and its fork-mode app apart', () => {
    const kinds = [daemon, clusterApp0, clusterApp1, forkApp].map((p) => child(p).kind);
    expect(kinds[0]).toEqual({
      clusterWorkerId: null,
      pm2Daemon: { version: '7.0.4', home: '/tmp/pm2-exp/home' },
      pm2App: null,
    });
    expect(kinds[1]).toEqual({ clusterWorkerId: 1, pm2Daemon: null, pm2App: { pmId: 0, name: 'api' } });
    expect(kinds[2]).toEqual({ clusterWorkerId: 2, pm2Daemon: null, pm2App: { pmId: 1, name: 'api' } });
    expect(kinds[3]).toEqual({ clusterWorkerId: null, pm2Daemon: null, pm2App: { pmId: 2, name: 'solo' } });
    expect(processRoleOf(kinds[0]!, false, kinds.slice(1))).toBe('pm2-daemon');
    expect(kinds.slice(1).map((k) => processRoleOf(k, true, []))).toEqual(['pm2-app', 'pm2-app', 'pm2-app']);
  });

  it('labels PM2 apps by name and pm_id', () => {
    expect(childLabel(child(clusterApp1), 3)).toBe('api (pm_id 1)');
    expect(childLabel(child(forkApp), 3)).toBe('solo (pm_id 2)');
    expect(childRole(child(forkApp))).toBe('pm2-app');
  });
});

describe('node:cluster and other Node trees', () => {
  const kindOf = (argv: string[], env: Record<string, string>) =>
    processKindOf(argv, new Map(Object.entries(env)));

  it('finds the worker id in NODE_UNIQUE_ID and names the roles around it', () => {
    const worker = kindOf(['/usr/bin/node', 'server.js'], { NODE_UNIQUE_ID: '3', NODE_CHANNEL_FD: '3' });
    const plain = kindOf(['/usr/bin/node', 'server.js'], {});
    expect(worker.clusterWorkerId).toBe(3);
    expect(processRoleOf(worker, true, [])).toBe('worker');
    expect(processRoleOf(plain, false, [worker, worker])).toBe('primary');
    expect(processRoleOf(plain, false, [plain])).toBe('parent');
    expect(processRoleOf(plain, true, [])).toBe('child');
    expect(processRoleOf(plain, false, [])).toBe('process');
    expect(kindOf(['node'], { NODE_UNIQUE_ID: 'x' }).clusterWorkerId).toBeNull();
    expect(kindOf(['node'], { pm2_env: '{not json' }).pm2App).toEqual({ pmId: null, name: null });
  });

  it('labels workers "2 of 4" while ids stay within the count, and other children by script', () => {
    const make = (env: Record<string, string>, argv = ['/usr/bin/node', 'server.js']): NodeChild => ({
      pid: 50,
      identity: { pid: 50, exe: '/usr/bin/node', argv, name: 'node', isNode: true },
      kind: kindOf(argv, env),
    });
    expect(childLabel(make({ NODE_UNIQUE_ID: '2' }), 4)).toBe('worker 2 of 4');
    expect(childLabel(make({ NODE_UNIQUE_ID: '6' }), 4)).toBe('worker 6');
    expect(childLabel(make({}, ['/usr/bin/node', '--max-old-space-size=512', '/srv/app/jobs.js']), 1)).toBe(
      'child jobs.js',
    );
  });

  it('keeps the first of a repeated environment name, as getenv does', () => {
    expect(parseEnviron('A=1\0B=x=y\0A=2\0=bad\0noequals\0')).toEqual(
      new Map([
        ['A', '1'],
        ['B', 'x=y'],
      ]),
    );
  });
});
