/**
 * `hyperscope report`, `export` and `diff` on a real recording of a node:cluster service (a primary that
 * only forks, two workers starving on a 2-socket pool): the report lists the three processes up front,
 * places the starvation on the workers, merges their profiles; `--process` picks one; exports of one
 * part open as DevTools profiles, and the merged export adds up the parts'. Every record of the file
 * fits the documented schema.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiffReport } from '../../core/diff/diff-report';
import type { Report } from '../../core/report/report';
import { readProfileInput } from '../../main/export/read-profile-input';
import { runCli } from '../support/cli';
import { startClusterService, startLoad, startSlowUpstream } from '../support/cluster-service';
import { killNodeTargets } from '../support/node-target';
import { sessionRecordValidator } from '../support/session-schema';
import { CPU_PROFILE_SCHEMA, checkCpuProfileIds } from '../export/devtools-schemas';

const dir = mkdtempSync(join(tmpdir(), 'hyperscope-cluster-report-'));
const file = join(dir, 'cluster.hyperscope');
let primary: number;
let workers: number[];

beforeAll(async () => {
  const upstream = await startSlowUpstream(250);
  try {
    const cluster = await startClusterService(2, upstream.port);
    primary = cluster.primary.pid;
    workers = cluster.workers;
    const load = startLoad(cluster.port, 12, 30_000);
    const args = ['record', '--pid', String(primary), '--duration', '6s', '--interval', '500ms', '-o', file];
    const result = await runCli(args, { timeoutMs: 60_000 });
    await load.stop();
    expect(result.code, result.stderr).toBe(0);
  } finally {
    killNodeTargets();
    await upstream.close();
  }
}, 90_000);
afterAll(killNodeTargets);

const cli = async (...args: string[]) => runCli(args, { timeoutMs: 30_000 });
const json = async <T>(...args: string[]): Promise<T> => {
  const result = await cli(...args);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as T;
};

describe('hyperscope report on a cluster', () => {
  it('says up front which processes were recorded, and names the worker of every finding', async () => {
    const { code, stdout } = await cli('report', file);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(
      new RegExp(`^hyperscope report: primary \\(pid ${primary}\\) and 2 more parts, `),
    );
    expect(lines[3]).toBe('recorded 3 processes:');
    for (const pid of [primary, ...workers])
      expect(stdout).toMatch(new RegExp(`^  .* p?${pid === primary ? 'main' : pid} +${pid} `, 'm'));
    const placed = [
      ...stdout.matchAll(/^CRITICAL {2}pool-starvation {2}worker \d of 2 \(pid (\d+)\): Pool /gm),
    ];
    expect(placed.length).toBeGreaterThan(0);
    for (const [, pid] of placed) expect(workers).toContain(Number(pid));
    expect(stdout).not.toContain('No findings');
    expect(stdout).toMatch(/^busy by part: /m);
    expect(stdout).toContain('Summary, all 3 parts together');
  });

  it('--json lists the parts, places findings, and adds the CPU of all parts up', async () => {
    const report = await json<Report>('report', file, '--json');
    expect(report).toMatchObject({
      schema: 'hyperscope.report/1',
      target: { pid: primary, nodeVersion: process.version },
    });
    expect(report.part).toBeUndefined();
    const parts = report.parts!;
    expect(parts.map((p) => p.pid).sort()).toEqual([primary, ...workers].sort());
    expect(parts[0]).toMatchObject({
      id: 'main',
      label: `primary (pid ${primary})`,
      ended: { reason: 'duration' },
    });
    for (const part of parts.slice(1))
      expect(part).toMatchObject({
        id: `p${part.pid}`,
        kind: 'process',
        threadId: 0,
        parent: 'main',
        ended: null,
      });
    expect(report.snapshots).toBe(parts.reduce((sum, p) => sum + p.snapshots, 0));
    const starved = report.findings.filter((f) => f.kind === 'pool-starvation');
    expect(new Set(starved.map((f) => f.place!.pid))).toEqual(new Set(workers));
    const busy = parts.reduce((sum, p) => sum + (p.cpuBusyUs ?? 0), 0);
    expect(report.cpu!.busyUs).toBeCloseTo(busy, 0);
    expect(report.summary.peakQueued).toBeGreaterThanOrEqual(
      Math.max(...parts.map((p) => p.summary.peakQueued)),
    );
  });

  it('--process reports one part alone, by pid, label or id, and refuses an unknown one in one line', async () => {
    const [worker] = workers as [number];
    const alone = await json<Report>('report', file, '--json', '--process', String(worker));
    expect(alone).toMatchObject({ part: `p${worker}`, target: { pid: worker } });
    expect(alone.findings.every((f) => f.place?.pid === worker)).toBe(true);
    expect(alone.findings.map((f) => f.kind)).toContain('pool-starvation');
    const label = alone.parts!.find((p) => p.pid === worker)!.label;
    expect((await json<Report>('report', file, '--json', '--process', label)).part).toBe(`p${worker}`);
    const main = await cli('report', file, '--process', 'main');
    expect(main.stdout).toMatch(new RegExp(`^hyperscope report: primary \\(pid ${primary}\\) alone, `));
    expect(main.stdout).not.toContain('pool-starvation');
    const wrong = await cli('report', file, '--process', 'worker 9 of 2');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe(
      `hyperscope report: no process or thread "worker 9 of 2"; the session recorded main (primary (pid ${primary})), ` +
        alone
          .parts!.slice(1)
          .map((p) => `${p.id} (${p.label}, pid ${p.pid})`)
          .join(', ') +
        '\n',
    );
  });
});

describe('hyperscope export and diff on a cluster', () => {
  const folded = async (...more: string[]): Promise<number> => {
    const { code, stdout, stderr } = await cli('export', file, '--format', 'folded', '-o', '-', ...more);
    expect(code, stderr).toBe(0);
    return stdout
      .split('\n')
      .filter(Boolean)
      .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
  };

  it('merges every part by default: the merged folded profile adds up the parts’', async () => {
    const parts = await Promise.all(
      ['main', ...workers.map((pid) => `p${pid}`)].map((id) => folded('--process', id)),
    );
    expect(parts.every((total) => total > 0)).toBe(true);
    expect(await folded()).toBe(parts.reduce((a, b) => a + b, 0));
  });

  it('writes one worker as a .cpuprofile DevTools opens, named after it', async () => {
    const worker = workers[1]!;
    const { code, stderr } = await cli('export', file, '--format', 'cpuprofile', '--process', String(worker));
    const out = join(dir, `cluster.p${worker}.cpuprofile`);
    expect(code, stderr).toBe(0);
    expect(stderr).toContain(`wrote ${out}`);
    const profile: unknown = JSON.parse(readFileSync(out, 'utf8'));
    const validate = new Ajv({ strict: false }).compile(CPU_PROFILE_SCHEMA);
    expect(validate(profile), JSON.stringify(validate.errors)).toBe(true);
    expect(checkCpuProfileIds(profile as never)).toEqual([]);
    const pprof = join(dir, 'all.pb.gz');
    expect((await cli('export', file, '--format', 'pprof', '-o', pprof)).code).toBe(0);
    expect((await readProfileInput(pprof)).format).toBe('pprof');
    expect((await readProfileInput(pprof)).cpu).not.toBeNull();
  });

  it('diff compares the findings with their workers and the series worker by worker', async () => {
    const report = await json<DiffReport>('diff', file, file, '--json');
    expect(report.findings!.appeared).toEqual([]);
    const places = report.findings!.persisted.map((p) => p.finding.place?.pid);
    expect(places.some((pid) => workers.includes(pid!))).toBe(true);
    expect(new Set(report.series!.map((row) => row.part)).size).toBe(3);
    const one = await json<DiffReport>('diff', file, file, '--json', '--process', 'main');
    expect(one.base.name).toBe(`cluster.hyperscope (primary (pid ${primary}))`);
    expect(one.series!.every((row) => row.part === undefined)).toBe(true);
  });
});

describe('the session file of a cluster', () => {
  it('fits the documented schema, sources and their records included', () => {
    const validate = sessionRecordValidator();
    const records = readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { type: string; source?: string });
    for (const [index, record] of records.entries())
      expect(validate(record), `line ${index + 1}: ${JSON.stringify(validate.errors)}`).toBe(true);
    expect(records.filter((r) => r.type === 'source')).toHaveLength(2);
    expect(records.some((r) => r.type === 'snapshot' && r.source !== undefined)).toBe(true);
    expect(records.some((r) => r.type === 'profile-begin' && r.source !== undefined)).toBe(true);
  });
});
