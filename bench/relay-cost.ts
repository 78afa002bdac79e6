/**
 * What reaching a target in another network namespace through the relay costs (`main/reach/`), against
 * the same thing done directly to a target in ours: starting the relay, each connection (a
 * `/json/version` round trip, as probes make), a 64 MiB CDP reply (a large profile's size), and a
 * 10 s `hyperscope record` (CPU of the recorder with its relay, and of the relay alone).
 * Needs root, util-linux and iproute2 (the targets are made with `unshare --net`).
 *   npx tsx bench/run.ts relay
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readInspectorVersion } from '../main/inspector/inspector-http';
import { connectInspector } from '../main/inspector/inspector-session';
import { openTargetRoute, type NetworkAddress, type TargetRoute } from '../main/reach/target-route';
import { bundleService } from '../test/deployments/support/bundle-service';
import { CLI } from '../test/support/cli';
import { namespaceSupport, startNamespacedNode } from '../test/support/namespaced-target';
import { IDLE_SCRIPT, killNodeTargets, startNodeTarget } from '../test/support/node-target';
import type { Bench, BenchFigure } from './bench';
import { median } from './bench';

const CONNECTIONS = 40;
const TRANSFERS = 5;
const TRANSFER_MIB = 64;
const RECORD_SECONDS = 10;

interface Side {
  route: TargetRoute;
  /** Where the target's inspector listens, as it sees it. */
  inspector: NetworkAddress;
}

export const relayCostBench: Bench = {
  name: 'relay',
  summary: 'a target in another network namespace, through the relay, vs one in ours (directly)',
  async run() {
    const unsupported = namespaceSupport();
    if (unsupported) {
      console.log(`relay: skipped — ${unsupported}`);
      return [];
    }
    try {
      return await measureAll();
    } finally {
      await killNodeTargets();
    }
  },
};

async function measureAll(): Promise<BenchFigure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'hyperscope-relay-bench-'));
  const idle = join(dir, 'idle.cjs');
  writeFileSync(idle, IDLE_SCRIPT);
  const contained = await startNamespacedNode(idle, ['--inspect=127.0.0.1:9229']);
  const local = await startNodeTarget(IDLE_SCRIPT, ['--inspect=127.0.0.1:0']);
  const localPort = Number(/ws:\/\/127\.0\.0\.1:(\d+)\//.exec(local.output.stderr)?.[1]);
  const figures: BenchFigure[] = [];
  const pair = (name: string, unit: string, relayed: number, direct: number): void => {
    figures.push({ name, value: relayed, baseline: direct, unit, baselineName: 'direct, same netns' });
  };

  pair(
    'route opened',
    'ms',
    median(await repeat(5, () => timeRoute(contained.hostPid))),
    median(await repeat(5, () => timeRoute(local.pid))),
  );

  const relayed: Side = {
    route: await openTargetRoute(contained.hostPid),
    inspector: { host: '127.0.0.1', port: 9229 },
  };
  const direct: Side = {
    route: await openTargetRoute(local.pid),
    inspector: { host: '127.0.0.1', port: localPort },
  };
  try {
    pair('/json/version', 'ms', await roundTrip(relayed), await roundTrip(direct));
    const [relayedMiBs, relayedCpu] = await transfer(relayed);
    const [directMiBs, directCpu] = await transfer(direct);
    pair(`${TRANSFER_MIB} MiB CDP reply`, 'MiB/s', relayedMiBs, directMiBs);
    pair(`CPU per ${TRANSFER_MIB} MiB`, 'ms', relayedCpu, directCpu);
  } finally {
    await relayed.route.close();
    await direct.route.close();
  }

  const service = await bundleService(join(dir, 'service'));
  const containedService = await startNamespacedNode(service, []);
  const localService = await startNodeTarget(readFileSync(service, 'utf8'), []);
  const relayedRecord = await recordCost(containedService.hostPid, dir);
  const directRecord = await recordCost(localService.pid, dir);
  pair(`recorder CPU, ${RECORD_SECONDS} s`, 'ms', relayedRecord.recorderMs, directRecord.recorderMs);
  figures.push({
    name: `relay CPU, ${RECORD_SECONDS} s`,
    value: relayedRecord.relayMs,
    baseline: relayedRecord.recorderMs,
    unit: 'ms',
    baselineName: 'the recorder itself',
  });
  return figures;
}

async function timeRoute(pid: number): Promise<number> {
  const start = performance.now();
  const route = await openTargetRoute(pid);
  // A route is usable once it reaches an address: the relay's forwarder listens by then.
  await route.reach({ host: '127.0.0.1', port: 9229 });
  const elapsed = performance.now() - start;
  await route.close();
  return elapsed;
}

/** Median ms of a fresh connection's `/json/version` round trip. */
async function roundTrip(side: Side): Promise<number> {
  const address = await side.route.reach(side.inspector);
  await readInspectorVersion(address); // warm up
  return median(
    await repeat(CONNECTIONS, async () => {
      const start = performance.now();
      await readInspectorVersion(address);
      return performance.now() - start;
    }),
  );
}

/** Median MiB/s of a large CDP reply, and the median CPU ms this process spent on each. */
async function transfer(side: Side): Promise<[number, number]> {
  const address = await side.route.reach(side.inspector);
  const list = (await (await fetch(`http://127.0.0.1:${address.port}/json/list`)).json()) as Array<{
    webSocketDebuggerUrl: string;
  }>;
  const session = await connectInspector(list[0]!.webSocketDebuggerUrl);
  try {
    const rates: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < TRANSFERS; i++) {
      const before = process.cpuUsage();
      const start = performance.now();
      const reply = await session.send('Runtime.evaluate', {
        expression: `'x'.repeat(${TRANSFER_MIB} * 1024 * 1024)`,
        returnByValue: true,
      });
      const seconds = (performance.now() - start) / 1000;
      const used = process.cpuUsage(before);
      if ((reply.result.value as string).length !== TRANSFER_MIB * 1024 * 1024)
        throw new Error('short reply');
      rates.push(TRANSFER_MIB / seconds);
      cpu.push((used.user + used.system) / 1000);
    }
    return [median(rates), median(cpu)];
  } finally {
    await session.close();
  }
}

/** CPU ms of a `hyperscope record --pid` (and its children) and of its relay, over RECORD_SECONDS. */
async function recordCost(pid: number, dir: string): Promise<{ recorderMs: number; relayMs: number }> {
  let relayMs = 0;
  const watch = setInterval(() => void relayCpuMs().then((ms) => (relayMs = Math.max(relayMs, ms))), 200);
  const args = ['-f', '%U %S', process.execPath, CLI, 'record', '--pid', String(pid), '-q'];
  args.push('--duration', `${RECORD_SECONDS}s`, '-o', join(dir, `record-${pid}.hyperscope`));
  const stderr = await new Promise<string>((resolve, reject) =>
    execFile('/usr/bin/time', args, { timeout: 60_000 }, (error, _stdout, text) =>
      error ? reject(new Error(text)) : resolve(text),
    ),
  );
  clearInterval(watch);
  const [user, system] = stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
  return { recorderMs: ((user ?? 0) + (system ?? 0)) * 1000, relayMs };
}

/** CPU ms (utime + stime) of the running relay, 0 when none runs. */
async function relayCpuMs(): Promise<number> {
  const tick = 100; // USER_HZ on Linux
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (!readFileSync(`/proc/${name}/cmdline`, 'utf8').includes('netns-relay.js')) continue;
      const fields = readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / tick;
    } catch {
      // gone meanwhile
    }
  }
  return 0;
}

async function repeat(times: number, measure: () => Promise<number>): Promise<number[]> {
  const values: number[] = [];
  for (let i = 0; i < times; i++) values.push(await measure());
  return values;
}
