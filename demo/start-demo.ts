/**
 * Starts the demo: an upstream service of its own, the front service running one scenario, and optionally
 * the built-in load that shows the scenario's pitfall. Everything listens on 127.0.0.1.
 */
import { existsSync } from 'node:fs';
import type { LoadLoop } from './load/load-loop';
import { startLoadLoop } from './load/load-loop';
import { startWorkerLoadLoop } from './load/worker-load-loop';
import type { LoadPlan, ScenarioService } from './scenario';
import { findScenario, scenarioNames } from './scenarios';
import type { FrontServer } from './service/front-server';
import { startFrontServer } from './service/front-server';
import { startUpstreamServer } from './service/upstream-server';

export interface DemoOptions {
  /** A scenario name from `scenarios/index.ts`. */
  scenario: string;
  /** The front service's port; 0 (the default) picks a free one. */
  port?: number;
  /** Start the built-in load (default false). */
  load?: boolean;
  /** Overrides the scenario's load rate, in requests per second over all clients. */
  loadRatePerSecond?: number;
  /** The address both services listen on (default and recommended: 127.0.0.1). */
  host?: string;
}

export interface RunningDemo {
  /** The front service, `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** The demo's own upstream service, `http://127.0.0.1:PORT`. */
  readonly upstreamUrl: string;
  readonly scenario: string;
  /** Stops the load, both services and the scenario's resources. Safe to call more than once. */
  stop(): Promise<void>;
}

/** Rejects for an unknown scenario (the message lists the valid ones) or a port already in use. */
export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  const scenario = findScenario(options.scenario);
  if (!scenario) {
    throw new Error(`unknown scenario "${options.scenario}" (valid: ${scenarioNames().join(', ')})`);
  }
  const host = options.host ?? '127.0.0.1';
  const upstream = await startUpstreamServer(host);
  let service: ScenarioService | undefined;
  let front: FrontServer | undefined;
  let loadLoop: LoadLoop | undefined;
  // Load first (no new requests), then the front, then the upstream (queued upstream calls fail fast
  // instead of reconnecting), then what the scenario holds.
  const stopAll = async (): Promise<void> => {
    await loadLoop?.stop();
    await front?.close();
    await upstream.close();
    await service?.stop();
  };
  try {
    service = await scenario.start({ upstreamUrl: upstream.url });
    front = await startFrontServer(scenario.name, service, host, options.port ?? 0);
    if (options.load) {
      const ratePerSecond = options.loadRatePerSecond ?? scenario.load.ratePerSecond;
      loadLoop = startLoad(front.url, { ...scenario.load, ratePerSecond });
    }
  } catch (error) {
    await stopAll();
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    url: front.url,
    upstreamUrl: upstream.url,
    scenario: scenario.name,
    stop: () => (stopped ??= stopAll()),
  };
}

// Beside the CLI bundle (`out/cli/hyperscope.js`), or in `out/cli/` from the CommonJS demo bundle
// (`out/demo/demo.cjs`), both built by `scripts/build-node.mjs`; absent when the demo runs from its
// TypeScript sources (tests), where the load stays in this thread.
const loadWorkerFile = [
  new URL('./demo-load-worker.js', import.meta.url),
  new URL('../cli/demo-load-worker.js', import.meta.url),
].find((file) => existsSync(file));

/**
 * In a worker thread when the bundle has one, so a recording of the demo does not count the load
 * generator's promises, sockets and CPU as the service's, and a blocked event loop does not stall the load.
 */
export function startLoad(frontUrl: string, plan: LoadPlan): LoadLoop {
  return loadWorkerFile ? startWorkerLoadLoop(loadWorkerFile, frontUrl, plan) : startLoadLoop(frontUrl, plan);
}
