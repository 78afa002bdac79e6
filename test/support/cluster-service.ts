/**
 * A real `node:cluster` service for tests: a primary that only forks, and N workers that each serve
 * `GET /` with three upstream calls through an `http.Agent` of 2 sockets (pool starvation under a
 * dozen concurrent clients). Every process wants the same inspector port when signalled — as with
 * Node's default 9229, but on a free port of its own so tests in parallel do not meet. SIGUSR2 to
 * the primary forks one more worker. The slow upstream and the load live in the test process, on
 * 127.0.0.1, bounded in time.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NodeTarget } from './node-target';
import { startProcess } from './node-target';
import { waitFor } from './wait-for';

const SERVICE = `
const cluster = require('node:cluster');
const http = require('node:http');
const workers = Number(process.env.WORKERS);
const upstream = Number(process.env.UPSTREAM_PORT);
if (cluster.isPrimary) {
  // Shared: every worker wants the primary's port. Else Node gives worker n the primary's port + n.
  if (process.env.SHARED_INSPECT_PORT) cluster.setupPrimary({ inspectPort: Number(process.env.SHARED_INSPECT_PORT) });
  let listening = 0;
  cluster.on('listening', (worker, address) => {
    if (++listening === workers)
      console.log('ready ' + address.port + ' ' + Object.values(cluster.workers).map((w) => w.process.pid).join(' '));
    else if (listening > workers) console.log('forked ' + worker.process.pid);
  });
  // A worker forked later listens on port 0 too: the primary hands it the same shared socket.
  process.on('SIGUSR2', () => cluster.fork());
  for (let i = 0; i < workers; i++) {
    // The last worker may be given a port another process holds: it cannot open its inspector.
    if (i === workers - 1 && process.env.BLOCKED_INSPECT_PORT)
      cluster.setupPrimary({ inspectPort: Number(process.env.BLOCKED_INSPECT_PORT) });
    cluster.fork();
  }
  setInterval(() => {}, 1000);
} else {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
  const get = (path) => new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port: upstream, path, agent }, (res) => {
      res.resume();
      res.on('end', resolve);
    }).on('error', reject);
  });
  http.createServer(async (request, response) => {
    try {
      await Promise.all([get('/stock'), get('/price'), get('/reviews')]);
      response.end('ok');
    } catch (error) {
      response.statusCode = 502;
      response.end(String(error));
    }
  }).listen(0, '127.0.0.1');
}
`;

export interface ClusterService {
  primary: NodeTarget;
  /** The port every worker serves on. */
  port: number;
  /** Worker pids, in the order they were forked. */
  workers: number[];
  /** The inspector port the primary (and, when shared, every worker) opens on when signalled. */
  inspectPort: number;
  /** Forks one more worker (SIGUSR2 to the primary); resolves with its pid once it listens. */
  forkWorker(): Promise<number>;
}

export interface ClusterOptions {
  /** The Node binary (default: this one). */
  node?: string;
  /**
   * `shared` (default): every process opens its inspector on one port, as with Node's default 9229.
   * `own`: the primary is started with `--inspect-port=P`, so Node gives worker n port P + n.
   */
  inspectPorts?: 'shared' | 'own';
  /** A port held by another process, given to the last worker's inspector (it cannot be attached). */
  blockedInspectPort?: number;
}

/** Starts the cluster with `workers` workers whose upstream is `upstreamPort`. */
export async function startClusterService(
  workers: number,
  upstreamPort: number,
  { node = process.execPath, inspectPorts = 'shared', blockedInspectPort }: ClusterOptions = {},
): Promise<ClusterService> {
  const inspectPort = await freePort(inspectPorts === 'own' ? workers : 0);
  const file = writeClusterService();
  const primary = await startProcess(node, [`--inspect-port=127.0.0.1:${inspectPort}`, file], 'ready', {
    WORKERS: String(workers),
    UPSTREAM_PORT: String(upstreamPort),
    SHARED_INSPECT_PORT: inspectPorts === 'shared' ? String(inspectPort) : '',
    BLOCKED_INSPECT_PORT: blockedInspectPort === undefined ? '' : String(blockedInspectPort),
  });
  const [, port, ...pids] = /ready (\d+)((?: \d+)+)/.exec(primary.output.stdout)![0].split(' ').map(Number);
  return {
    primary,
    port: port!,
    workers: pids,
    inspectPort,
    async forkWorker() {
      const forked = (): string[] => [...primary.output.stdout.matchAll(/forked (\d+)/g)].map((m) => m[1]!);
      const before = forked().length;
      primary.child.kill('SIGUSR2');
      await waitFor(
        () => forked().length > before,
        10_000,
        () => 'no worker was forked',
      );
      return Number(forked().at(-1));
    },
  };
}

/**
 * Writes the cluster service to a temp file and returns its path: `node [--inspect-port=…] FILE` with
 * env WORKERS, UPSTREAM_PORT and SHARED_INSPECT_PORT (and optionally BLOCKED_INSPECT_PORT) runs it.
 */
export function writeClusterService(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'hyperscope-cluster-')), 'service.cjs');
  writeFileSync(file, SERVICE);
  return file;
}

/** An upstream on 127.0.0.1 that answers every request after `delayMs`. */
export async function startSlowUpstream(delayMs: number): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((_, response) => setTimeout(() => response.end('x'), delayMs));
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What each load client sends, and how often. */
export interface LoadShape {
  /** Default `GET`. */
  method?: string;
  /** Default `/`. */
  path?: string;
  /** Each client waits this long after an answer before its next request (default 0: back to back). */
  pauseMs?: number;
}

/**
 * `concurrency` clients sending `GET /` (or `shape`'s request) to 127.0.0.1:`port` back to back for
 * `durationMs` at most; `stop()` ends them early and resolves with how many answers came back.
 */
export function startLoad(
  port: number,
  concurrency: number,
  durationMs: number,
  { method = 'GET', path = '/', pauseMs = 0 }: LoadShape = {},
): { stop(): Promise<number> } {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const end = Date.now() + durationMs;
  let answered = 0;
  let stopped = false;
  const client = async (): Promise<void> => {
    while (!stopped && Date.now() < end) {
      await new Promise<void>((resolve) => {
        const request = http.request(
          { host: '127.0.0.1', port, method, path, agent, timeout: 10_000 },
          (response) => {
            response.resume();
            response.on('end', () => {
              answered++;
              setTimeout(resolve, pauseMs);
            });
          },
        );
        request.on('error', () => setTimeout(resolve, 100));
        request.on('timeout', () => request.destroy());
        request.end();
      });
    }
  };
  const clients = Array.from({ length: concurrency }, client);
  return {
    async stop() {
      stopped = true;
      agent.destroy();
      await Promise.all(clients);
      return answered;
    },
  };
}

/** A free loopback port P whose next `following` ports are free too. */
export async function freePort(following = 0): Promise<number> {
  for (;;) {
    const port = await listenAndClose(0);
    const next = await Promise.all(Array.from({ length: following }, (_, i) => listenAndClose(port + i + 1)));
    if (port + following <= 65_535 && next.every((p) => p > 0)) return port;
  }
}

/** Listens on `port` (0: any) and closes again; the port, or 0 when it was taken. */
async function listenAndClose(port: number): Promise<number> {
  const server = http.createServer();
  const bound = await new Promise<number>((resolve) => {
    server.once('error', () => resolve(0));
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
  if (bound) await new Promise((resolve) => server.close(resolve));
  return bound;
}
