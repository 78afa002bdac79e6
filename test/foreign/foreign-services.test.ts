// Services Hyperscope was not tuned on — none of the demo's shapes: each is written the way real code
// writes its pitfall (an undici Pool, a flag snapshot parsed per request, gzipSync in an ES module, a Map
// of deferreds, a read stream opened before a HEAD check, Buffer.concat in a loop), recorded by pid on
// Node 26 or 22 under bounded load on 127.0.0.1, and reported. Each must yield its kind, critical or
// warning, with its frames naming the service's function in its own file — the code a user changes.
// The same services without the pitfall, on Node 20 or 24, yield nothing critical and no warning (one
// named exception, below).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame } from '../../core/frame';
import type { Finding } from '../../core/findings/finding';
import type { Report } from '../../core/report/report';
import { reportJson, runCli } from '../support/cli';
import { startLoad, startSlowUpstream, type LoadShape } from '../support/cluster-service';
import { ensureNodeBundles } from '../support/node-bundles';
import { killNodeTargets, RANDOM_INSPECT_PORT, startProcess } from '../support/node-target';
import { installedPackage, nodeBinary, type NodeMajor } from '../support/node-versions';

const SERVICES = fileURLToPath(new URL('./services/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'hyperscope-foreign-'));

let upstream: Awaited<ReturnType<typeof startSlowUpstream>>;
let undici: string;
beforeAll(async () => {
  ensureNodeBundles();
  upstream = await startSlowUpstream(250);
  undici = await installedPackage('undici@7.30.3', 'undici-7.30.3', 'undici/index.js');
}, 180_000);
afterAll(async () => {
  await killNodeTargets();
  await upstream.close();
});

interface Run {
  service: string;
  node: NodeMajor;
  concurrency: number;
  shape?: LoadShape;
  /** Run the service without its pitfall. */
  healthy?: boolean;
}

/** Starts `services/SERVICE` on Node `node`, loads it, records it by pid for 6 s, reports. */
async function recordService({ service, node, concurrency, shape, healthy }: Run): Promise<Report> {
  const env = { UPSTREAM: `http://127.0.0.1:${upstream.port}`, UNDICI: undici, HEALTHY: healthy ? '1' : '' };
  const target = await startProcess(
    await nodeBinary(node),
    [RANDOM_INSPECT_PORT, join(SERVICES, service)],
    'ready',
    env,
  );
  const port = Number(/ready (\d+)/.exec(target.output.stdout)?.[1]);
  const load = startLoad(port, concurrency, 60_000, shape);
  const file = join(dir, `${service}-${node}${healthy ? '-healthy' : ''}.hyperscope`);
  try {
    const args = ['record', '--pid', String(target.pid), '--duration', '6s', '--interval', '500ms'];
    const result = await runCli([...args, '-o', file], { timeoutMs: 60_000 });
    expect(result.code, `${result.stderr}\nservice: ${target.output.stderr}`).toBe(0);
  } finally {
    await load.stop();
    target.child.kill('SIGKILL');
  }
  return reportJson(file);
}

/** The finding of `kind`, critical or warning. */
function foundKind(report: Report, kind: Finding['kind']): Finding {
  const finding = report.findings.find((f) => f.kind === kind && f.severity !== 'info');
  expect(finding, JSON.stringify(report.findings.map((f) => f.title))).toBeDefined();
  return finding!;
}

/** 1-based line of the first line of `service` that contains `text`. */
function lineOf(service: string, text: string): number {
  const index = readFileSync(join(SERVICES, service), 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(text));
  expect(index, `${text} in ${service}`).toBeGreaterThanOrEqual(0);
  return index + 1;
}

/** Whether `frame` is `functionName` in `service` (by path or file: URL), at `line` when given. */
function inService(frame: Frame, service: string, functionName: string, line?: number): boolean {
  const path = join(SERVICES, service);
  return (
    (frame.url === path || frame.url === `file://${path}`) &&
    frame.functionName === functionName &&
    (line === undefined || frame.line === line)
  );
}

describe.concurrent('services Hyperscope was not tuned on: the pitfall found, the code named', () => {
  it('an undici Pool of 2 connections (Node 26): pool-starvation at the queued request', async () => {
    const report = await recordService({ service: 'undici-pool.cjs', node: 26, concurrency: 12 });
    const starved = foundKind(report, 'pool-starvation');
    expect(starved.severity).toBe('critical');
    const line = lineOf('undici-pool.cjs', 'inventory.request(');
    expect(starved.frames.some((f) => inService(f, 'undici-pool.cjs', 'lookupSku', line))).toBe(true);
  }, 90_000);

  it('JSON.parse of a flag snapshot per request (Node 22): event-loop-blocked names the parsing function', async () => {
    // The agent catches the loop after JSON.parse returned (interrupts wait for a JavaScript statement);
    // the CPU profile says the time was loadFlags'.
    const report = await recordService({ service: 'json-parse.cjs', node: 22, concurrency: 8 });
    const blocked = foundKind(report, 'event-loop-blocked');
    expect(blocked.severity).toBe('critical');
    expect(inService(blocked.frames[0]!, 'json-parse.cjs', 'loadFlags'), JSON.stringify(blocked.frames)).toBe(
      true,
    );
  }, 90_000);

  it('gzipSync per download in an ES module (Node 26): event-loop-blocked, critical, through compressExport', async () => {
    // Each block outlasts the 500 ms interval: the delay histogram stays empty, the stall is the p99.
    const report = await recordService({ service: 'gzip-export.mjs', node: 26, concurrency: 4 });
    const blocked = foundKind(report, 'event-loop-blocked');
    expect(blocked.severity).toBe('critical');
    expect(blocked.frames.some((f) => inService(f, 'gzip-export.mjs', 'compressExport'))).toBe(true);
    expect(blocked.frames[0]!.functionName).not.toMatch(/subarray|slice/);
  }, 90_000);

  it('a Map of deferreds never settled on failure (Node 26): promise-leak at submitJob', async () => {
    const report = await recordService({ service: 'deferred-map.cjs', node: 26, concurrency: 8 });
    const leak = foundKind(report, 'promise-leak');
    const line = lineOf('deferred-map.cjs', 'return new Promise(');
    expect(leak.frames.some((f) => inService(f, 'deferred-map.cjs', 'submitJob', line))).toBe(true);
  }, 90_000);

  it('read streams opened before a HEAD check (Node 22): fd-exhaustion', async () => {
    const shape = { method: 'HEAD', pauseMs: 5 };
    const report = await recordService({ service: 'fd-stream.cjs', node: 22, concurrency: 2, shape });
    expect(foundKind(report, 'fd-exhaustion').severity).toBe('critical');
  }, 90_000);

  it('Buffer.concat onto the whole batch per record (Node 26): alloc-hotspot names buildBatch', async () => {
    const report = await recordService({ service: 'buffer-concat.cjs', node: 26, concurrency: 4 });
    const hotspot = foundKind(report, 'alloc-hotspot');
    expect(hotspot.frames.some((f) => inService(f, 'buffer-concat.cjs', 'buildBatch'))).toBe(true);
  }, 90_000);
});

describe.concurrent('the same services without their pitfall: nothing critical, nothing to warn of', () => {
  // On the versions the pitfalls above did not run on, so every service meets four Node versions.
  const healthy: readonly (Omit<Run, 'healthy'> & { stillWarns?: Finding['kind'] })[] = [
    { service: 'undici-pool.cjs', node: 20, concurrency: 12 },
    { service: 'json-parse.cjs', node: 24, concurrency: 8 },
    { service: 'gzip-export.mjs', node: 20, concurrency: 4 },
    { service: 'deferred-map.cjs', node: 24, concurrency: 8 },
    { service: 'fd-stream.cjs', node: 24, concurrency: 2, shape: { method: 'HEAD', pauseMs: 5 } },
    // Batches built in one concat still allocate ~300 MiB/s of short-lived buffers, nearly all the
    // service's bytes, with GC ~15% of its CPU: the allocation warning is true of it too (not critical).
    { service: 'buffer-concat.cjs', node: 20, concurrency: 4, stillWarns: 'alloc-hotspot' },
  ];
  it.for(healthy)(
    '$service (Node $node)',
    { timeout: 90_000 },
    async ({ stillWarns, ...run }, { expect }) => {
      const report = await recordService({ ...run, healthy: true });
      const alarms = report.findings.filter(
        (finding) =>
          finding.severity === 'critical' || (finding.severity === 'warning' && finding.kind !== stillWarns),
      );
      expect(alarms.map((finding) => `${finding.severity}: ${finding.title}`)).toEqual([]);
    },
  );
});
