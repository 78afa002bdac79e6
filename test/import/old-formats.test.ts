// Profiles of Node 10 and Chrome before 70 open as DevTools opens them: a head-tree `.cpuprofile`
// (nested `head`, times in seconds, absolute sample timestamps in µs, call frame fields on the node) and
// a `.heapprofile` whose nodes have no `id` (and no samples). Small files written here in those formats.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../core/report/report';
import { runCli } from '../support/cli';
import { ensureNodeBundles } from '../support/node-bundles';

const dir = mkdtempSync(join(tmpdir(), 'hyperscope-old-formats-'));

const frame = (functionName: string, line: number) => ({
  functionName,
  scriptId: '42',
  url: '/srv/app/server.js',
  lineNumber: line,
  columnNumber: 4,
});

// Node 10 (v8-profiler): `head`, start/end in seconds, `timestamps` in µs.
const oldCpu = {
  typeId: 'CPU',
  uid: '1',
  title: 'checkout',
  head: {
    ...frame('(root)', 0),
    url: '',
    hitCount: 0,
    callUID: 1,
    id: 1,
    children: [
      {
        ...frame('handle', 10),
        hitCount: 1,
        callUID: 2,
        id: 2,
        children: [{ ...frame('hash', 30), hitCount: 3, callUID: 3, id: 3, children: [] }],
      },
      { ...frame('(idle)', 0), url: '', hitCount: 1, callUID: 4, id: 4, children: [] },
    ],
  },
  startTime: 1000.5,
  endTime: 1000.55,
  samples: [2, 3, 3, 3, 4],
  timestamps: [1000500000, 1000510000, 1000520000, 1000530000, 1000540000],
};

// Chrome 69 / Node 10 `.heapprofile`: nodes without `id`, no `samples`.
const oldHeap = {
  head: {
    callFrame: frame('(root)', 0),
    selfSize: 0,
    children: [
      {
        callFrame: frame('handle', 10),
        selfSize: 1024,
        children: [{ callFrame: frame('buildRows', 50), selfSize: 65536, children: [] }],
      },
    ],
  },
};

async function report(name: string, content: unknown): Promise<Report> {
  ensureNodeBundles();
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(content));
  const { code, stdout, stderr } = await runCli(['report', '--json', path]);
  expect(code, stderr).toBe(0);
  return JSON.parse(stdout) as Report;
}

describe('profiles in the formats of Node 10 and Chrome before 70', () => {
  it('a head-tree .cpuprofile: hash has 3 of 5 samples, 30 ms', async () => {
    const cpu = (await report('node10.cpuprofile', oldCpu)).cpu!;
    const hash = cpu.top.find((row) => row.frame.functionName === 'hash');
    expect(hash?.frame).toMatchObject({ url: '/srv/app/server.js', line: 31 });
    expect(hash!.flat).toBe(30_000); // µs: 3 samples 10 ms apart
    const exported = await runCli([
      'export',
      join(dir, 'node10.cpuprofile'),
      '--format',
      'cpuprofile',
      '-o',
      '-',
    ]);
    expect(exported.code, exported.stderr).toBe(0);
    const profile = JSON.parse(exported.stdout) as { nodes: unknown[]; samples: number[] };
    expect(profile.nodes.length).toBeGreaterThanOrEqual(4);
    expect(profile.samples).toHaveLength(5);
  });

  it('a .heapprofile whose nodes have no id: buildRows holds 64 KiB', async () => {
    const alloc = (await report('chrome69.heapprofile', oldHeap)).allocations!;
    expect(alloc.alive?.bytes).toBe(65_536 + 1024);
    const rows = [...alloc.top, ...alloc.topAlive].find((row) => row.frame.functionName === 'buildRows');
    expect(rows?.frame).toMatchObject({ url: '/srv/app/server.js', line: 51 });
  });
});
