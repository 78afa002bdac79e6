/**
 * `hyperscope report` on a real recording of a service whose requests a worker thread serves through a
 * 2-socket pool: the thread is listed beside the main thread, and the pool starvation is named by the
 * thread it is in, never by the quiet main thread.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../core/report/report';
import { runCli } from '../support/cli';
import { killNodeTargets } from '../support/node-target';
import { loadService, startUpstream, startWorkerPoolService } from './worker-pool-service';

const file = join(mkdtempSync(join(tmpdir(), 'hyperscope-threads-report-')), 'threads.hyperscope');
let pid: number;

beforeAll(async () => {
  const upstream = await startUpstream(250);
  try {
    const service = await startWorkerPoolService(20, upstream.port);
    pid = service.pid;
    const load = loadService(service.port, 12);
    const args = ['record', '--pid', String(pid), '--duration', '5s', '--interval', '500ms', '-o', file];
    const result = await runCli(args, { timeoutMs: 60_000 });
    await load.stop();
    expect(result.code, result.stderr).toBe(0);
  } finally {
    killNodeTargets();
    upstream.close();
  }
}, 90_000);
afterAll(killNodeTargets);

describe('hyperscope report on a service with a worker thread', () => {
  it('lists the thread and names it in its finding', async () => {
    const text = await runCli(['report', file], { timeoutMs: 30_000 });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('recorded 1 process and 1 thread:');
    expect(text.stdout).toMatch(new RegExp(`^ {2}main thread \\(pid ${pid}\\) +main +${pid} +- `, 'm'));
    expect(text.stdout).toMatch(
      new RegExp(`^ {2}thread 1 \\(target\\.cjs\\) +p${pid}\\.t1 +${pid} +1 `, 'm'),
    );
    expect(text.stdout).toMatch(
      new RegExp(
        `^(CRITICAL|WARNING) +pool-starvation {2}thread 1 \\(target\\.cjs\\) \\(pid ${pid}\\): Pool `,
        'm',
      ),
    );

    const json = await runCli(['report', file, '--json'], { timeoutMs: 30_000 });
    const report = JSON.parse(json.stdout) as Report;
    expect(report.parts!.map((p) => [p.id, p.kind, p.threadId])).toEqual([
      ['main', 'process', 0],
      [`p${pid}.t1`, 'thread', 1],
    ]);
    const starved = report.findings.filter((f) => f.kind === 'pool-starvation');
    expect(starved.map((f) => f.place)).toEqual([
      { part: `p${pid}.t1`, label: 'thread 1 (target.cjs)', pid, threadId: 1 },
    ]);
    // Descriptors are the process's: counted once, by its main thread.
    expect(report.summary.fds).toEqual(report.parts![0]!.summary.fds);
  });
});
