import { afterEach, describe, expect, it, vi } from 'vitest';
import { startClusterService, startSlowUpstream } from '../../test/support/cluster-service';
import { IDLE_SCRIPT, killNodeTargets, startNodeTarget, startProcess } from '../../test/support/node-target';
import { psCommand } from '../cli/commands/ps';
import { formatProcessTable } from './format-process-table';
import type { NodeProcessInfo } from './list-node-processes';
import { listNodeProcesses } from './list-node-processes';

afterEach(killNodeTargets);

describe('listNodeProcesses', () => {
  it('lists started Node processes with their inspector state, but neither itself nor other programs', async () => {
    const open = await startNodeTarget(IDLE_SCRIPT, ['--inspect=127.0.0.1:0']);
    const closed = await startNodeTarget();
    const sleeper = await startProcess('sleep', ['30']);
    const announcedPort = Number(/ws:\/\/127\.0\.0\.1:(\d+)\//.exec(open.output.stderr)?.[1]);

    const processes = await listNodeProcesses();
    const byPid = new Map(processes.map((p) => [p.pid, p]));
    expect(byPid.get(open.pid)).toMatchObject({
      nodeVersion: process.version,
      inspector: { host: '127.0.0.1', port: announcedPort },
      argv: [process.execPath, '--inspect=127.0.0.1:0', expect.stringMatching(/target\.cjs$/)],
    });
    expect(byPid.get(closed.pid)).toMatchObject({ nodeVersion: process.version, inspector: null });
    expect(byPid.has(sleeper.pid)).toBe(false);
    expect(byPid.has(process.pid)).toBe(false);
  });

  it('prints the same through `hyperscope ps --json`', async () => {
    const open = await startNodeTarget(IDLE_SCRIPT, ['--inspect=127.0.0.1:0']);
    const written: string[] = [];
    const spy = vi
      .spyOn(process.stdout, 'write')
      .mockImplementation((chunk) => written.push(String(chunk)) > 0);
    try {
      expect(await psCommand.run(['--json'])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    const report = JSON.parse(written.join('')) as { schema: string; processes: NodeProcessInfo[] };
    expect(report.schema).toBe('hyperscope.ps/1');
    expect(report.processes.find((p) => p.pid === open.pid)?.inspector).not.toBeNull();
    await expect(psCommand.run(['--bogus'])).rejects.toThrow('unknown option --bogus');
  });
});

describe('listNodeProcesses on a cluster', () => {
  it('gives the primary its workers as children, each worker its id, and draws them under it', async () => {
    const upstream = await startSlowUpstream(10);
    try {
      const cluster = await startClusterService(2, upstream.port);
      const processes = await listNodeProcesses();
      const byPid = new Map(processes.map((p) => [p.pid, p]));
      const [first, second] = cluster.workers as [number, number];
      expect(byPid.get(cluster.primary.pid)).toMatchObject({
        role: 'primary',
        ppid: process.pid,
        children: [first, second].sort((a, b) => a - b),
        ownNamespaces: [],
      });
      expect(byPid.get(first)).toMatchObject({
        role: 'worker',
        parent: cluster.primary.pid,
        clusterWorkerId: 1,
      });
      expect(byPid.get(second)).toMatchObject({
        role: 'worker',
        ppid: cluster.primary.pid,
        clusterWorkerId: 2,
      });
      const table = formatProcessTable(processes).split('\n');
      const primaryRow = table.findIndex((line) => line.startsWith(`${cluster.primary.pid} `));
      expect(table[primaryRow]).toMatch(/ primary /);
      expect(table.slice(primaryRow + 1, primaryRow + 3)).toEqual([
        expect.stringMatching(
          new RegExp(`^├─ ${Math.min(first, second)} +worker ${first < second ? 1 : 2} `),
        ),
        expect.stringMatching(
          new RegExp(`^└─ ${Math.max(first, second)} +worker ${first < second ? 2 : 1} `),
        ),
      ]);
    } finally {
      await killNodeTargets();
      await upstream.close();
    }
  });
});

describe('formatProcessTable', () => {
  const alone = { ppid: 1, parent: null, children: [], clusterWorkerId: null, pm2App: null, pm2Daemon: null };
  const rows: NodeProcessInfo[] = [
    {
      pid: 7,
      argv: ['node', 'a.js'],
      exe: '/usr/bin/node',
      nodeVersion: 'v20.1.0',
      inspector: null,
      role: 'process',
      ...alone,
      container: null,
      ownNamespaces: [],
    },
    {
      pid: 12345,
      argv: ['node', '--inspect', 'server.js', '--port', '8080'],
      exe: '/usr/bin/node',
      nodeVersion: null,
      inspector: { host: '127.0.0.1', port: 9229 },
      role: 'process',
      ...alone,
      container: 'docker:1a2b3c4d5e6f',
      ownNamespaces: ['net', 'pid', 'mnt'],
    },
  ];

  it('aligns columns and says when the inspector is closed', () => {
    expect(formatProcessTable(rows)).toBe(
      [
        'PID    ROLE  NODE     INSPECTOR       CONTAINER            COMMAND',
        '7      -     v20.1.0  closed          -                    node a.js',
        '12345  -     ?        127.0.0.1:9229  docker:1a2b3c4d5e6f  node --inspect server.js --port 8080',
        '',
      ].join('\n'),
    );
  });

  it('draws a PM2 daemon with its apps, one of them a cluster primary of its own', () => {
    const base = { exe: '/usr/bin/node', nodeVersion: 'v20.1.0', inspector: null, container: null };
    const tree: NodeProcessInfo[] = [
      {
        ...base,
        ...alone,
        pid: 10,
        argv: ['PM2 v7.0.4: God Daemon (/root/.pm2)'],
        role: 'pm2-daemon',
        children: [11, 12],
        pm2Daemon: { version: '7.0.4', home: '/root/.pm2' },
        ownNamespaces: [],
      },
      {
        ...base,
        ...alone,
        pid: 11,
        argv: ['node api.js'],
        role: 'pm2-app',
        parent: 10,
        children: [13],
        pm2App: { pmId: 0, name: 'api' },
        ownNamespaces: ['net'],
      },
      {
        ...base,
        ...alone,
        pid: 12,
        argv: ['node jobs.js'],
        role: 'pm2-app',
        parent: 10,
        pm2App: { pmId: 1, name: 'jobs' },
        ownNamespaces: [],
      },
      {
        ...base,
        ...alone,
        pid: 13,
        argv: ['node api.js'],
        role: 'worker',
        parent: 11,
        clusterWorkerId: 1,
        ownNamespaces: [],
      },
    ];
    expect(
      formatProcessTable(tree)
        .split('\n')
        .map((line) => line.slice(0, 40).trimEnd()),
    ).toEqual([
      'PID       ROLE                    NODE',
      '10        pm2-daemon              v20.1.',
      '├─ 11     pm2-app api (pm_id 0)   v20.1.',
      '│  └─ 13  worker 1                v20.1.',
      '└─ 12     pm2-app jobs (pm_id 1)  v20.1.',
      '',
    ]);
    expect(formatProcessTable(tree)).toContain(' ns:net ');
  });

  it('cuts long lines to the width and says when there is nothing', () => {
    const lines = formatProcessTable(rows, 40).split('\n');
    expect(lines[2]).toBe('12345  -     ?        127.0.0.1:9229  d…');
    expect(lines[2]).toHaveLength(40);
    expect(formatProcessTable([])).toBe('no Node.js processes found\n');
  });
});
