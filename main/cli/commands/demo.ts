/**
 * `hyperscope demo`: runs the built-in demo service (a real HTTP service with one switchable pitfall) until
 * SIGINT or SIGTERM. Prints one line with its address, so a launcher can read where it listens.
 */
import cluster from 'node:cluster';
import { parseArgs } from 'node:util';
import { scenarios, scenarioNames, findScenario } from '../../../demo/scenarios';
import { runDemoClusterWorker, startDemoCluster } from '../../../demo/start-demo-cluster';
import type { RunningDemo } from '../../../demo/start-demo';
import { startDemo } from '../../../demo/start-demo';
import type { Command } from '../command';
import { UserError } from '../command';

const USAGE = `usage: hyperscope demo [--scenario NAME] [--port N] [--load] [--rate N] [--cluster N] [--list]

Runs the demo service on 127.0.0.1 until Ctrl-C.
  --scenario NAME  the pitfall to show (default: healthy); --list shows them all
  --port N         the port to listen on (default: a free one)
  --load           send built-in load to it, so the pitfall shows without other traffic
  --rate N         load requests per second (default: the scenario's)
  --cluster N      run as a node:cluster primary with N workers (1–16), each serving the scenario on
                   the one port (\`hyperscope record --pid PRIMARY\` records them all)
  --list           list the scenarios and exit`;

interface DemoArgs {
  scenario: string;
  port: number;
  load: boolean;
  rate: number | undefined;
  /** Cluster workers; 0 for one process. */
  cluster: number;
  list: boolean;
}

export const demoCommand: Command = {
  name: 'demo',
  summary: 'run the built-in demo service, a real HTTP service with switchable pitfalls',
  usage: USAGE,
  async run(args) {
    const options = parseDemoArgs(args);
    if (options.list) {
      const width = Math.max(...scenarios.map((s) => s.name.length)) + 2;
      for (const s of scenarios) process.stdout.write(`${s.name.padEnd(width)}${s.description}\n`);
      return 0;
    }
    const demoOptions = {
      scenario: options.scenario,
      port: options.port,
      load: options.load,
      loadRatePerSecond: options.rate,
    };
    // A cluster worker runs this same command line: it serves until its primary disconnects it.
    if (cluster.isWorker)
      return runDemoClusterWorker(demoOptions).then(() => new Promise<number>(() => undefined));
    const demo: RunningDemo & { workerPids?: readonly number[] } = await (
      options.cluster > 0
        ? startDemoCluster({ ...demoOptions, workers: options.cluster })
        : startDemo(demoOptions)
    ).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new UserError(`port ${options.port} is already in use`);
      }
      throw error;
    });
    const workers = demo.workerPids ? `, workers ${demo.workerPids.join(', ')}` : '';
    process.stdout.write(`hyperscope demo: ${demo.scenario} on ${demo.url} (pid ${process.pid}${workers})\n`);
    const stopping = await untilSignal(['SIGINT', 'SIGTERM']);
    await demo.stop();
    stopping.release();
    return 0;
  },
};

function parseDemoArgs(args: string[]): DemoArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        scenario: { type: 'string', default: 'healthy' },
        port: { type: 'string', default: '0' },
        load: { type: 'boolean', default: false },
        rate: { type: 'string' },
        cluster: { type: 'string', default: '0' },
        list: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new UserError(`${(error as Error).message} (see hyperscope demo --help)`, 2);
  }
  if (!findScenario(values.scenario)) {
    throw new UserError(`unknown scenario "${values.scenario}" (valid: ${scenarioNames().join(', ')})`, 2);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UserError(`--port must be a port number from 0 to 65535, not "${values.port}"`, 2);
  }
  const rate = values.rate === undefined ? undefined : Number(values.rate);
  if (rate !== undefined && !(rate > 0 && rate <= 1000)) {
    throw new UserError(
      `--rate must be a number of requests per second above 0, up to 1000, not "${values.rate}"`,
      2,
    );
  }
  const workers = Number(values.cluster);
  if (!Number.isInteger(workers) || workers < 0 || workers > 16) {
    throw new UserError(`--cluster must be a number of workers from 1 to 16, not "${values.cluster}"`, 2);
  }
  return { scenario: values.scenario, port, load: values.load, rate, cluster: workers, list: values.list };
}

/**
 * Resolves on the first of `signals`. Until `release()` is called, a second signal (a user pressing Ctrl-C
 * again while the demo stops) exits at once with 130.
 */
function untilSignal(signals: NodeJS.Signals[]): Promise<{ release(): void }> {
  return new Promise((resolve) => {
    const exitNow = (): never => process.exit(130);
    const onSignal = (): void => {
      for (const s of signals) process.off(s, onSignal).on(s, exitNow);
      resolve({ release: () => signals.forEach((s) => process.off(s, exitNow)) });
    };
    for (const s of signals) process.on(s, onSignal);
  });
}
