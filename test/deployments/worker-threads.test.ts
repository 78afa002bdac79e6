// `hyperscope record --pid` of a service whose requests are served by a worker thread: the thread is a
// source of its own with its pools, CPU profile and findings; threads that start and end while it
// records are followed; afterwards no agent is left in any thread. On Node 20, 22, 24 and 26.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { analyzeParts } from '../../core/findings/analyze-parts';
import type { SourceData } from '../../core/session/session';
import { readSessionFile } from '../../main/session/read-session-file';
import { ORPHAN_AFTER_ENV } from '../../main/agent/orphan-after';
import { runCli, startCli } from '../support/cli';
import { killNodeTargets } from '../support/node-target';
import type { NodeMajor } from '../support/node-versions';
import { waitFor } from '../support/wait-for';
import { getJson, loadService, startUpstream, startWorkerPoolService } from './worker-pool-service';

const dir = mkdtempSync(join(tmpdir(), 'hyperscope-threads-'));
let upstream: Awaited<ReturnType<typeof startUpstream>>;
beforeAll(async () => (upstream = await startUpstream(250)));
afterAll(() => upstream.close());
afterEach(killNodeTargets);

/** The thread sources in a session file now (records of type `source`), as `threadId → label`. */
function threadSourcesIn(path: string): Map<number, string> {
  const found = new Map<number, string>();
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return found;
  }
  for (const line of text.split('\n')) {
    if (!line.includes('"type":"source"')) continue;
    const record = JSON.parse(line) as { kind: string; threadId: number; label: string };
    if (record.kind === 'thread') found.set(record.threadId, record.label);
  }
  return found;
}

const MAJORS: NodeMajor[] = [20, 22, 24, 26];

describe.each(MAJORS)('worker threads on Node %i', (major) => {
  it('records the pool thread with its starving pool and CPU profile, follows a thread that comes and goes, and leaves no agent', async () => {
    const service = await startWorkerPoolService(major, upstream.port);
    const load = loadService(service.port, 12);
    const output = join(dir, `node${major}.hyperscope`);
    const args = ['record', '--pid', String(service.pid), '--duration', '7s', '--interval', '500ms'];
    const run = startCli([...args, '-o', output]);
    try {
      // Once the pool thread is recorded, a side thread starts, lives 2.5 s and exits.
      await waitFor(
        () => threadSourcesIn(output).has(1),
        20_000,
        () => `no thread 1 in ${output}`,
      );
      const { threadId: sideId } = await getJson<{ threadId: number }>(service.port, '/spawn?ms=2500');
      const result = await run.done;
      // On failure, what the service said (a crash's message) and how it ended.
      const serviceSaid = () =>
        `service: ${JSON.stringify(service.child.signalCode)} ${service.output.stderr}`;
      expect(result.stderr, serviceSaid()).not.toMatch(/hyperscope record:/);
      expect(result.code).toBe(0);
      expect(await load.stop()).toBeGreaterThan(0);

      const session = await readSessionFile(output);
      const pool = session.sources.find((s) => s.info.threadId === 1) as SourceData;
      expect(pool.info).toMatchObject({ kind: 'thread', pid: service.pid, label: 'thread 1 (target.cjs)' });
      expect(pool.info.parent).toBeUndefined();
      const starving = pool.snapshots.filter((s) =>
        s.pools.some((p) => p.maxSockets === 2 && p.inUse === 2 && p.queued > 0),
      );
      expect(starving.length).toBeGreaterThanOrEqual(3);
      // The process's descriptors are its main thread's.
      expect(pool.snapshots.every((s) => s.fds.open === null)).toBe(true);
      expect(session.snapshots.some((s) => s.fds.open !== null)).toBe(true);
      expect(pool.cpuProfiles.length).toBeGreaterThanOrEqual(1);
      expect(pool.allocProfiles.length).toBeGreaterThanOrEqual(1);
      // The pool thread mostly waits on its upstream: with both cores busy its first window held no sample
      // of its code (twice, Node 20), once none did (Node 22); the service now spins 2 ms per call.
      const ranCode = (p: SourceData['cpuProfiles'][number]) =>
        p.profile.nodes.some((n) => n.callFrame.url.endsWith('target.cjs'));
      expect(pool.cpuProfiles.some(ranCode)).toBe(true);
      expect(pool.end).toBeNull();

      const side = session.sources.find((s) => s.info.threadId === sideId) as SourceData;
      expect(side.info.label).toBe(`thread ${sideId} (target.cjs)`);
      expect(side.snapshots.length).toBeGreaterThanOrEqual(1);
      expect(side.end).toMatchObject({ reason: 'exited' });

      const starvation = analyzeParts(session).find((f) => f.kind === 'pool-starvation');
      expect(starvation?.place).toMatchObject({
        pid: service.pid,
        threadId: 1,
        label: 'thread 1 (target.cjs)',
      });

      // The service runs as before, without an agent in any thread.
      const agents = await getJson<{ main: boolean; workers: { agent: boolean }[] }>(service.port, '/agents');
      expect(agents).toEqual({ main: false, workers: [{ threadId: 1, agent: false }] });
      expect(await getJson<{ status: number }>(service.port, '/')).toMatchObject({
        threadId: 1,
        status: 200,
      });
    } finally {
      run.child.kill('SIGKILL');
      await load.stop();
    }
  });
});

describe('worker threads, Node 20', () => {
  it('records no thread with --no-threads', async () => {
    const service = await startWorkerPoolService(20, upstream.port);
    const output = join(dir, 'no-threads.hyperscope');
    const args = ['record', '--pid', String(service.pid), '--duration', '2s', '--interval', '500ms'];
    const result = await runCli([...args, '--no-threads', '-o', output]);
    expect(result.code, result.stderr).toBe(0);
    const session = await readSessionFile(output);
    expect(session.snapshots.length).toBeGreaterThanOrEqual(2);
    expect(session.sources).toEqual([]);
  });

  it("removes every thread's agent by itself when the recorder is killed with SIGKILL", async () => {
    const service = await startWorkerPoolService(20, upstream.port);
    const output = join(dir, 'recorder-killed.hyperscope');
    const run = startCli(['record', '--pid', String(service.pid), '--interval', '300ms', '-o', output], {
      env: { [ORPHAN_AFTER_ENV]: '1500' },
    });
    await waitFor(
      () => threadSourcesIn(output).has(1),
      20_000,
      () => `no thread 1 in ${output}`,
    );
    const agents = (): Promise<unknown> => getJson(service.port, '/agents');
    expect(await agents()).toEqual({ main: true, workers: [{ threadId: 1, agent: true }] });
    run.child.kill('SIGKILL');
    await run.done;
    await expect
      .poll(agents, { timeout: 15_000 })
      .toEqual({ main: false, workers: [{ threadId: 1, agent: false }] });
  });
});
