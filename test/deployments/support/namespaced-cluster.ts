/**
 * A node:cluster service in namespaces of its own, as in a container: `unshare --net --pid --fork
 * --mount-proc`, loopback brought up inside (`test/support/namespaced-target.ts`). Inside, a harness
 * (pid 1 there) serves the slow upstream, starts the cluster primary of `test/support/cluster-service.ts`
 * as its child — N workers starving on a 2-socket `http.Agent` — and sends it a bounded load: nothing
 * of it listens on our 127.0.0.1, and every process of the tree wants one inspector port inside.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readNodeChildren } from '../../../main/process-tree/node-children';
import { writeClusterService } from '../../support/cluster-service';
import type { NamespacedTarget } from '../../support/namespaced-target';
import { forkedChildOf, startNamespacedNode } from '../../support/namespaced-target';

export interface NamespacedClusterOptions {
  /** The inspector port every process of the tree opens on inside when signalled (shared, like 9229). */
  inspectPort: number;
  /** Cluster workers (default 2). */
  workers?: number;
  /** How long the load runs at most, ms (default 30 s); the namespace dies with the test anyway. */
  loadMs?: number;
}

export interface NamespacedCluster {
  /** The harness (pid 1 inside); `killNodeTargets()` ends it and with it the whole namespace. */
  harness: NamespacedTarget;
  /** The primary's host pid (what `record --pid` is given). */
  primary: number;
  /** The workers' host pids, by ascending pid. */
  workers: number[];
}

/** Upstream delay (ms) and concurrent clients: each worker's 2 sockets serve 3 calls a request. */
const UPSTREAM_DELAY_MS = 250;
const CLIENTS = 12;

const HARNESS = `
const http = require('node:http');
const { spawn } = require('node:child_process');
const { service, inspectPort, workers, delayMs, clients, loadMs } = JSON.parse(CONFIG);
const upstream = http.createServer((_, response) => setTimeout(() => response.end('x'), delayMs));
upstream.keepAliveTimeout = 30000;
let loading = false;
upstream.listen(0, '127.0.0.1', () => {
  const primary = spawn(process.execPath, ['--inspect-port=127.0.0.1:' + inspectPort, service], {
    env: { ...process.env, WORKERS: String(workers), UPSTREAM_PORT: String(upstream.address().port), SHARED_INSPECT_PORT: String(inspectPort) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  primary.on('exit', (code, signal) => { console.error('the primary exited', code, signal); process.exit(1); });
  let said = '';
  primary.stdout.on('data', (chunk) => {
    said += chunk;
    const ready = /ready (\\d+)/.exec(said);
    if (!ready || loading) return;
    loading = true;
    load(Number(ready[1]));
    console.log('ready');
  });
});
function load(port) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const end = Date.now() + loadMs;
  const client = () => {
    if (Date.now() > end) return;
    const request = http.get({ host: '127.0.0.1', port, path: '/', agent, timeout: 10000 }, (response) => {
      response.resume();
      response.on('end', client);
    });
    request.on('error', () => setTimeout(client, 100));
    request.on('timeout', () => request.destroy());
  };
  for (let i = 0; i < clients; i++) client();
}
`;

/** Starts the namespaced cluster; resolves once every worker listens and the load runs. */
export async function startNamespacedCluster(options: NamespacedClusterOptions): Promise<NamespacedCluster> {
  const workers = options.workers ?? 2;
  const config = {
    service: writeClusterService(),
    inspectPort: options.inspectPort,
    workers,
    delayMs: UPSTREAM_DELAY_MS,
    clients: CLIENTS,
    loadMs: options.loadMs ?? 30_000,
  };
  const file = join(mkdtempSync(join(tmpdir(), 'hyperscope-ns-cluster-')), 'harness.cjs');
  writeFileSync(file, `const CONFIG = ${JSON.stringify(JSON.stringify(config))};\n${HARNESS}`);
  const harness = await startNamespacedNode(file, [], { pidNamespace: true });
  const primary = await forkedChildOf(harness.hostPid);
  const children = await readNodeChildren(primary);
  if (children.length !== workers)
    throw new Error(`the primary (pid ${primary}) has ${children.length} Node children, not ${workers}`);
  return { harness, primary, workers: children.map((c) => c.pid) };
}
