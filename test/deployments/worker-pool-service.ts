/**
 * A service whose requests are handled by a worker thread (the worker-threads tests' target): the main
 * thread posts each request to the worker; the worker calls a slow upstream through an `http.Agent`
 * with `maxSockets: 2`, so under load its pool starves. All on 127.0.0.1. `GET /spawn?ms=N` starts a
 * side worker that lives N ms (spins half of it, for its CPU profile) and exits; `GET /threads` lists the
 * workers by threadId; `GET /agents` says which threads have the Hyperscope agent installed.
 * One file (`target.cjs`) for every thread: the role comes from `workerData`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NodeTarget } from '../support/node-target';
import { RANDOM_INSPECT_PORT, startProcess } from '../support/node-target';
import type { NodeMajor } from '../support/node-versions';
import { nodeBinary } from '../support/node-versions';

export const WORKER_POOL_SERVICE = String.raw`
const http = require('node:http');
const { Worker, isMainThread, parentPort, workerData, threadId } = require('node:worker_threads');
const AGENT = Symbol.for('hyperscope.agent');
const hasAgent = () => globalThis[AGENT] !== undefined;

if (isMainThread) {
  const upstreamPort = Number(process.argv[2]);
  const worker = new Worker(__filename, { workerData: { role: 'pool', upstreamPort }, name: 'pool' });
  const waiting = new Map();
  let next = 0;
  const askAll = (workers, message) => Promise.all(workers.map((w) => new Promise((resolve) => {
    const id = ++next;
    waiting.set(id, resolve);
    w.postMessage({ ...message, id });
  })));
  worker.on('message', (m) => { waiting.get(m.id)?.(m); waiting.delete(m.id); });
  const live = new Map([[worker.threadId, worker]]);
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/spawn') {
      const side = new Worker(__filename, { workerData: { role: 'side', ms: Number(url.searchParams.get('ms')) } });
      const id = side.threadId;
      live.set(id, side);
      side.on('message', (m) => { waiting.get(m.id)?.(m); waiting.delete(m.id); });
      side.on('exit', () => live.delete(id));
      return res.end(JSON.stringify({ threadId: id }));
    }
    if (url.pathname === '/threads') return res.end(JSON.stringify([...live.keys()]));
    if (url.pathname === '/agents') {
      const replies = await askAll([...live.values()], { type: 'agent?' });
      return res.end(JSON.stringify({ main: hasAgent(), workers: replies.map((r) => ({ threadId: r.threadId, agent: r.agent })) }));
    }
    const [reply] = await askAll([worker], { type: 'call' });
    res.end(JSON.stringify(reply));
  });
  server.listen(0, '127.0.0.1', () => console.log('ready ' + server.address().port));
} else if (workerData.role === 'pool') {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
  // 2 ms of its own code per call, so that its CPU profile samples target.cjs even with the cores busy.
  const prepare = () => { const until = performance.now() + 2; while (performance.now() < until); };
  parentPort.on('message', (m) => {
    if (m.type === 'agent?') return parentPort.postMessage({ id: m.id, threadId, agent: hasAgent() });
    prepare();
    http.get({ host: '127.0.0.1', port: workerData.upstreamPort, path: '/slow', agent }, (res) => {
      res.resume();
      res.on('end', () => parentPort.postMessage({ id: m.id, threadId, status: res.statusCode }));
    }).on('error', (e) => parentPort.postMessage({ id: m.id, threadId, error: e.message }));
  });
} else {
  parentPort.on('message', (m) => parentPort.postMessage({ id: m.id, threadId, agent: hasAgent() }));
  const spinUntil = Date.now() + workerData.ms / 2;
  const spin = () => {
    const stop = Math.min(Date.now() + 20, spinUntil);
    let x = 0;
    while (Date.now() < stop) x += Math.sqrt(x + 1);
    if (Date.now() < spinUntil) setImmediate(spin);
  };
  spin();
  setTimeout(() => process.exit(0), workerData.ms);
}
`;

/** An upstream on 127.0.0.1 that answers every request after `delayMs`. */
export async function startUpstream(delayMs: number): Promise<{ port: number; close(): void }> {
  const server = createServer((_req, res) => void setTimeout(() => res.end('ok'), delayMs));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

/** The service under `node` of `major`, its inspector on a random port; `port` is its HTTP port. */
export async function startWorkerPoolService(
  major: NodeMajor,
  upstreamPort: number,
): Promise<NodeTarget & { port: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'hyperscope-threads-'));
  const file = join(dir, 'target.cjs');
  writeFileSync(file, WORKER_POOL_SERVICE);
  const target = await startProcess(
    await nodeBinary(major),
    [RANDOM_INSPECT_PORT, file, String(upstreamPort)],
    'ready',
  );
  return { ...target, port: Number(/ready (\d+)/.exec(target.output.stdout)?.[1]) };
}

/** GET `path` of the service, parsed. */
export async function getJson<T>(port: number, path: string): Promise<T> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  return (await response.json()) as T;
}

/**
 * Load on the service until `stop()`: `concurrency` callers in a loop, each waiting for its answer
 * before the next request (bounded by the service's pace). Resolves with the requests answered.
 */
export function loadService(port: number, concurrency: number): { stop(): Promise<number> } {
  let running = true;
  let answered = 0;
  const caller = async (): Promise<void> => {
    while (running) {
      try {
        await (await fetch(`http://127.0.0.1:${port}/`)).text();
        answered++;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  };
  const callers = Array.from({ length: concurrency }, caller);
  return {
    async stop() {
      running = false;
      await Promise.all(callers);
      return answered;
    },
  };
}
