/**
 * `hyperscope demo --cluster N`: the demo as a node:cluster primary with N workers serving the scenario
 * on one port, the load still running; `record --pid PRIMARY` records the workers and finds the pitfall
 * on them; SIGTERM stops the primary and every worker.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { analyzeParts } from '../../core/findings/analyze-parts';
import { readSessionFile } from '../../main/session/read-session-file';
import { runCli, startCli, waitForOutput } from '../support/cli';
import { isAlive } from '../support/node-target';
import { waitFor } from '../support/wait-for';

it('runs the pool-starvation demo as a cluster whose workers are recorded and starve', async () => {
  const demo = startCli(['demo', '--cluster', '2', '--scenario', 'pool-starvation', '--load']);
  try {
    await waitForOutput(demo.output, (o) => /workers \d+, \d+\)/.test(o.stdout), 30_000);
    const [, primary, first, second] = /\(pid (\d+), workers (\d+), (\d+)\)/
      .exec(demo.output.stdout)!
      .map(Number);
    expect(primary).toBe(demo.child.pid);
    const file = join(mkdtempSync(join(tmpdir(), 'hyperscope-cluster-demo-')), 'demo.hyperscope');
    const result = await runCli(['record', '--pid', String(primary), '--duration', '5s', '-o', file]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('and its 2 cluster workers');
    const session = await readSessionFile(file);
    const workers = session.sources.filter((s) => s.info.kind === 'process');
    expect(workers.map((s) => s.info.pid).sort()).toEqual([first, second].sort());
    const starved = analyzeParts(session).filter((f) => f.kind === 'pool-starvation');
    expect(starved.length).toBeGreaterThan(0);
    expect(starved.every((f) => f.place?.pid === first || f.place?.pid === second)).toBe(true);

    demo.child.kill('SIGTERM');
    expect((await demo.done).code).toBe(0);
    await waitFor(
      () => !isAlive(first!) && !isAlive(second!),
      10_000,
      () => 'a demo worker is still running',
    );
  } finally {
    demo.child.kill('SIGKILL');
  }
}, 90_000);

it('refuses a cluster size out of range in one line', async () => {
  const result = await runCli(['demo', '--cluster', '17']);
  expect(result.code).toBe(2);
  expect(result.stderr.trim()).toBe(
    'hyperscope demo: --cluster must be a number of workers from 1 to 16, not "17"',
  );
});
