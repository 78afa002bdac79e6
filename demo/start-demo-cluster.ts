/**
 * The demo as a `node:cluster` service (`hyperscope demo --cluster N`): the primary runs the upstream
 * and the built-in load (in its load thread) and forks N workers; each worker serves the scenario on
 * the one shared front port, with its own pools — so the pitfall shows in every worker while the
 * primary only forks, as in a real cluster. Workers run the same command line and start here too.
 */
import cluster from 'node:cluster';
import type { Worker } from 'node:cluster';
import type { AddressInfo } from 'node:net';
import type { LoadLoop } from './load/load-loop';
import { findScenario, scenarioNames } from './scenarios';
import type { ScenarioService } from './scenario';
import { startFrontServer } from './service/front-server';
import type { FrontServer } from './service/front-server';
import { serverUrl } from './service/server-lifecycle';
import { startUpstreamServer } from './service/upstream-server';
import type { DemoOptions, RunningDemo } from './start-demo';
import { startLoad } from './start-demo';

/** The upstream's URL, handed to the workers. */
const UPSTREAM_ENV = 'HYPERSCOPE_DEMO_UPSTREAM';
/** How long stopping waits for a worker to leave before killing it, ms. */
const WORKER_EXIT_WAIT_MS = 5000;

export interface DemoCluster extends RunningDemo {
  /** The workers' pids, in the order they were forked. */
  readonly workerPids: readonly number[];
}

/** In the primary: starts the upstream, forks `workers` workers, and the load once they all listen. */
export async function startDemoCluster(options: DemoOptions & { workers: number }): Promise<DemoCluster> {
  const scenario = findScenario(options.scenario);
  if (!scenario) {
    throw new Error(`unknown scenario "${options.scenario}" (valid: ${scenarioNames().join(', ')})`);
  }
  const host = options.host ?? '127.0.0.1';
  const upstream = await startUpstreamServer(host);
  const workers = Array.from({ length: options.workers }, () =>
    cluster.fork({ [UPSTREAM_ENV]: upstream.url }),
  );
  let loadLoop: LoadLoop | undefined;
  const stopAll = async (): Promise<void> => {
    await loadLoop?.stop();
    await Promise.all(workers.map(stopWorker));
    await upstream.close();
  };
  let port: number;
  try {
    const ports = await Promise.all(workers.map(listeningPort));
    port = ports[0]!;
  } catch (error) {
    await stopAll();
    throw error;
  }
  const url = serverUrl(host, port);
  if (options.load) {
    const ratePerSecond = options.loadRatePerSecond ?? scenario.load.ratePerSecond;
    loadLoop = startLoad(url, { ...scenario.load, ratePerSecond });
  }
  let stopped: Promise<void> | undefined;
  return {
    url,
    upstreamUrl: upstream.url,
    scenario: scenario.name,
    workerPids: workers.map((w) => w.process.pid ?? 0),
    stop: () => (stopped ??= stopAll()),
  };
}

/** In a worker: serves the scenario on the shared front port until the primary disconnects it. */
export async function runDemoClusterWorker(options: DemoOptions): Promise<void> {
  const scenario = findScenario(options.scenario)!;
  const upstreamUrl = process.env[UPSTREAM_ENV] ?? '';
  const held: { service?: ScenarioService; front?: FrontServer } = {};
  const leave = async (): Promise<never> => {
    await held.front?.close();
    await held.service?.stop();
    process.exit(0);
  };
  // The primary disconnects its workers to stop; Ctrl-C on a terminal reaches the whole group.
  cluster.worker?.on('disconnect', () => void leave());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void leave());
  const service = (held.service = await scenario.start({ upstreamUrl }));
  // Port 0 in every worker is one shared port: the primary holds the socket and hands out connections.
  held.front = await startFrontServer(scenario.name, service, options.host ?? '127.0.0.1', options.port ?? 0);
}

/** The port `worker` listens on, once it does; rejects when it exits first. */
function listeningPort(worker: Worker): Promise<number> {
  return new Promise((resolve, reject) => {
    worker.once('listening', (address: AddressInfo) => resolve(address.port));
    worker.once('exit', (code) =>
      reject(new Error(`demo worker ${worker.id} exited (code ${code}) before it listened`)),
    );
  });
}

async function stopWorker(worker: Worker): Promise<void> {
  if (worker.isDead()) return;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.disconnect();
  const timer = setTimeout(() => worker.kill('SIGKILL'), WORKER_EXIT_WAIT_MS);
  await exited;
  clearTimeout(timer);
}
