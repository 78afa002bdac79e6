/**
 * `record --pid PRIMARY` on a real node:cluster service whose workers starve on a 2-socket pool: every
 * worker is recorded into the one session (snapshots and CPU profiles each), the pool starvation is
 * found on the workers, and afterwards no process of the cluster listens on an inspector port. Every
 * process of this cluster opens its inspector on one shared port when signalled, as with Node's
 * default 9229 (`test/support/cluster-service.ts`).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { analyzeParts } from '../../core/findings/analyze-parts';
import type { Session } from '../../core/session/session';
import { findOpenInspector } from '../../main/ps/open-inspector-in';
import { readListeningSockets } from '../../main/ps/listening-sockets';
import { readSessionFile } from '../../main/session/read-session-file';
import { runCli } from '../support/cli';
import type { ClusterService } from '../support/cluster-service';
import { startClusterService, startLoad, startSlowUpstream } from '../support/cluster-service';
import { killNodeTargets } from '../support/node-target';
import { waitFor } from '../support/wait-for';

let upstream: Awaited<ReturnType<typeof startSlowUpstream>>;
const dir = mkdtempSync(join(tmpdir(), 'hyperscope-cluster-test-'));

beforeAll(async () => {
  upstream = await startSlowUpstream(250);
});
afterAll(() => upstream.close());
afterEach(killNodeTargets);

/** Resolves once none of `pids` has an inspector open (polled; rejects after 5 s, naming them). */
async function expectNoInspectorOpen(pids: number[]): Promise<void> {
  let open: Array<number | null> = [];
  const check = async (): Promise<boolean> => {
    const found = await Promise.all(pids.map((pid) => findOpenInspector(pid)));
    open = found.map((inspector, i) => (inspector ? pids[i]! : null)).filter((pid) => pid !== null);
    return open.length === 0;
  };
  const deadline = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`inspectors still open in ${open.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** `hyperscope record --pid PID --duration DURATION -o FILE [extra…]`, run to its end. */
function record(pid: number, duration: string, file: string, ...extra: string[]) {
  return runCli(['record', '--pid', String(pid), '--duration', duration, '-o', file, ...extra], {
    timeoutMs: 60_000,
  });
}

function sourceOf(session: Session, pid: number) {
  return session.sources.find((s) => s.info.pid === pid);
}

describe('record --pid on a cluster primary', () => {
  it('records every worker as a source, finds the starved pools on them, and leaves no inspector open', async () => {
    const cluster: ClusterService = await startClusterService(3, upstream.port);
    const load = startLoad(cluster.port, 12, 30_000);
    const file = join(dir, 'cluster.hyperscope');
    try {
      const result = await record(cluster.primary.pid, '6s', file, '--interval', '500ms');
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toContain(
        `recording pid ${cluster.primary.pid} (Node ${process.version}) and its 3 cluster workers to`,
      );
      expect(result.stderr).not.toContain('warning');
    } finally {
      expect(await load.stop()).toBeGreaterThan(0);
    }
    await expectNoInspectorOpen([cluster.primary.pid, ...cluster.workers]);

    const session = await readSessionFile(file);
    expect(session.header.target.pid).toBe(cluster.primary.pid);
    expect(session.sources.map((s) => s.info.label).sort()).toEqual([
      'worker 1 of 3',
      'worker 2 of 3',
      'worker 3 of 3',
    ]);
    for (const pid of cluster.workers) {
      const source = sourceOf(session, pid)!;
      expect(source, `worker ${pid}`).toBeDefined();
      expect(source.info).toMatchObject({ kind: 'process', threadId: 0 });
      expect(source.end).toBeNull();
      expect(source.snapshots.length).toBeGreaterThanOrEqual(5);
      expect(source.cpuProfiles.length).toBeGreaterThan(0);
      expect(source.allocProfiles.length).toBeGreaterThan(0);
    }
    // The report's findings per part: pool starvation on the workers (on a loaded 2-core runner one of
    // three may see too little of the load to starve), nothing of the kind on the idle primary.
    const starved = analyzeParts(session).filter((f) => f.kind === 'pool-starvation');
    const starvedPids = new Set(starved.map((f) => f.place?.pid));
    expect(starvedPids.size).toBeGreaterThanOrEqual(2);
    for (const pid of starvedPids) expect(cluster.workers).toContain(pid);
    expect(starved.every((f) => f.place?.label.startsWith('worker '))).toBe(true);

    // Moved inspectors were given their port back: signalled again, a worker opens on the shared one.
    const worker = cluster.workers[0]!;
    process.kill(worker, 'SIGUSR1');
    await expect
      .poll(async () => (await readListeningSockets(worker)).map((s) => s.port), { timeout: 10_000 })
      .toContain(cluster.inspectPort);
  }, 90_000);

  it('ends a worker killed mid-recording with a source-end and follows a worker forked mid-recording', async () => {
    const cluster = await startClusterService(2, upstream.port);
    const file = join(dir, 'churn.hyperscope');
    const [killed, kept] = cluster.workers as [number, number];
    const recording = record(cluster.primary.pid, '9s', file, '--interval', '500ms');
    await waitFor(
      () => sourcesIn(file) === 2,
      20_000,
      () => `${sourcesIn(file)} sources in ${file}`,
    );
    process.kill(killed, 'SIGKILL');
    const forked = await cluster.forkWorker();
    const result = await recording;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('and its 2 cluster workers');
    await expectNoInspectorOpen([cluster.primary.pid, kept, forked]);

    const session = await readSessionFile(file);
    expect(sourceOf(session, killed)?.end).toMatchObject({ reason: 'exited' });
    expect(sourceOf(session, kept)?.end).toBeNull();
    const late = sourceOf(session, forked);
    expect(late?.info.label).toBe('worker 3');
    expect(late?.end).toBeNull();
    expect(late?.snapshots.length).toBeGreaterThan(0);
  }, 90_000);

  it('--pid WORKER records that worker alone, and --no-workers says the primary is recorded without them', async () => {
    const cluster = await startClusterService(2, upstream.port);
    const worker = cluster.workers[1]!;
    const alone = join(dir, 'worker.hyperscope');
    const byWorker = await record(worker, '2s', alone);
    expect(byWorker.code, byWorker.stderr).toBe(0);
    expect(byWorker.stderr).toContain(`recording pid ${worker} (Node ${process.version}) to`);
    const workerSession = await readSessionFile(alone);
    expect(workerSession.header.target.pid).toBe(worker);
    expect(workerSession.sources).toEqual([]);

    const primaryOnly = join(dir, 'primary-only.hyperscope');
    const noWorkers = await record(cluster.primary.pid, '2s', primaryOnly, '--no-workers');
    expect(noWorkers.code, noWorkers.stderr).toBe(0);
    const warning = `pid ${cluster.primary.pid} has 2 cluster workers (${[...cluster.workers].sort((a, b) => a - b).join(', ')}); with --no-workers only pid ${cluster.primary.pid} itself is recorded`;
    expect(noWorkers.stderr).toContain(`hyperscope: warning: ${warning}`);
    const primarySession = await readSessionFile(primaryOnly);
    expect(primarySession.sources).toEqual([]);
    expect(primarySession.events.map((e) => e.message)).toEqual(
      expect.arrayContaining([expect.stringContaining(warning)]),
    );
    await expectNoInspectorOpen([cluster.primary.pid, ...cluster.workers]);
  }, 90_000);
});

describe('record --pid on a cluster with a worker that cannot be attached', () => {
  it('says so on stderr and in the session, and records the others', async () => {
    // Another process holds the port the last worker wants for its inspector.
    const blocker = await startSlowUpstream(1);
    try {
      const cluster = await startClusterService(2, upstream.port, { blockedInspectPort: blocker.port });
      const [recorded, blocked] = cluster.workers as [number, number];
      const file = join(dir, 'blocked.hyperscope');
      const result = await record(cluster.primary.pid, '3s', file);
      expect(result.code, result.stderr).toBe(0);
      const problem = `worker 2 of 2 (pid ${blocked}) is not recorded: process ${blocked} could not open its inspector: port ${blocker.port} is already in use`;
      expect(result.stderr).toContain('and its 1 cluster worker to');
      expect(result.stderr).toContain(`hyperscope: warning: ${problem}`);
      const session = await readSessionFile(file);
      expect(session.sources.map((s) => s.info.pid)).toEqual([recorded]);
      expect(session.events).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ level: 'warning', message: expect.stringContaining(problem) }),
        ]),
      );
      await expectNoInspectorOpen([cluster.primary.pid, ...cluster.workers]);
    } finally {
      await blocker.close();
    }
  }, 90_000);
});

describe('record --pid on a cluster whose workers have inspector ports of their own', () => {
  it('closes the inspectors Node opened in the workers when the primary opened its own, with or without them', async () => {
    // Node's primary signals every worker to open its inspector when its own opens; on ports of
    // their own, they do.
    const cluster = await startClusterService(2, upstream.port, { inspectPorts: 'own' });
    const all = [cluster.primary.pid, ...cluster.workers];
    const primaryOnly = await record(
      cluster.primary.pid,
      '2s',
      join(dir, 'own-ports-1.hyperscope'),
      '--no-workers',
    );
    expect(primaryOnly.code, primaryOnly.stderr).toBe(0);
    expect(cluster.primary.output.stderr).toContain(
      `Debugger listening on ws://127.0.0.1:${cluster.inspectPort + 1}/`,
    );
    await expectNoInspectorOpen(all);

    const file = join(dir, 'own-ports-2.hyperscope');
    const withWorkers = await record(cluster.primary.pid, '3s', file);
    expect(withWorkers.code, withWorkers.stderr).toBe(0);
    expect(withWorkers.stderr).toContain('and its 2 cluster workers');
    expect((await readSessionFile(file)).sources.map((s) => s.info.pid).sort()).toEqual(
      [...cluster.workers].sort(),
    );
    await expectNoInspectorOpen(all);
  }, 90_000);
});

/** How many `source` records the session file at `path` holds now. */
function sourcesIn(path: string): number {
  try {
    return readFileSync(path, 'utf8').split('"type":"source"').length - 1;
  } catch {
    return 0;
  }
}
