import { afterEach, describe, expect, it, vi } from 'vitest';
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

describe('formatProcessTable', () => {
  const rows: NodeProcessInfo[] = [
    { pid: 7, argv: ['node', 'a.js'], exe: '/usr/bin/node', nodeVersion: 'v20.1.0', inspector: null },
    {
      pid: 12345,
      argv: ['node', '--inspect', 'server.js', '--port', '8080'],
      exe: '/usr/bin/node',
      nodeVersion: null,
      inspector: { host: '127.0.0.1', port: 9229 },
    },
  ];

  it('aligns columns and says when the inspector is closed', () => {
    expect(formatProcessTable(rows)).toBe(
      [
        'PID    NODE     INSPECTOR       COMMAND',
        '7      v20.1.0  closed          node a.js',
        '12345  ?        127.0.0.1:9229  node --inspect server.js --port 8080',
        '',
      ].join('\n'),
    );
  });

  it('cuts long lines to the width and says when there is nothing', () => {
    const lines = formatProcessTable(rows, 40).split('\n');
    expect(lines[2]).toBe('12345  ?        127.0.0.1:9229  node --…');
    expect(lines[2]).toHaveLength(40);
    expect(formatProcessTable([])).toBe('no Node.js processes found\n');
  });
});
