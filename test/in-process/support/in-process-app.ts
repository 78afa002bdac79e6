/**
 * Services started as a user starts them in in-process mode: `node --require hyperscope/register
 * service` (or `--import`) from an app directory whose node_modules/hyperscope is this repository, so
 * that the package's `exports` resolve `hyperscope/register` by name as an installed package would.
 */
import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitForOutput } from '../../support/cli';
import { type NodeTarget, startProcess } from '../../support/node-target';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

export interface InProcessApp extends NodeTarget {
  /** The service's HTTP port on 127.0.0.1. */
  port: number;
  /** HYPERSCOPE_OUT: a fresh directory, unless `env` named another. */
  out: string;
}

export interface AppOptions {
  preload?: '--require' | '--import';
  /** The `node` binary (another major from `nodeBinary`); default this one. */
  node?: string;
  /** Added to the environment after HYPERSCOPE_OUT. */
  env?: NodeJS.ProcessEnv;
}

let appDir: string | undefined;

/** A directory whose `node_modules/hyperscope` is this repository (made once per test file). */
function appDirectory(): string {
  if (!appDir) {
    appDir = mkdtempSync(join(tmpdir(), 'hyperscope-app-'));
    mkdirSync(join(appDir, 'node_modules'));
    symlinkSync(REPO_ROOT, join(appDir, 'node_modules', 'hyperscope'), 'dir');
  }
  return appDir;
}

/** Starts `fixtures/<fixture>` with hyperscope/register preloaded; resolves once it prints `ready PORT`. */
export async function startInProcessApp(fixture: string, options: AppOptions = {}): Promise<InProcessApp> {
  const out = mkdtempSync(join(tmpdir(), 'hyperscope-out-'));
  const env = { HYPERSCOPE_OUT: out, ...options.env };
  const target = await startProcess(
    options.node ?? process.execPath,
    [options.preload ?? '--require', 'hyperscope/register', join(FIXTURES, fixture)],
    'ready',
    env,
    appDirectory(),
  );
  await waitForOutput(target.output, (o) => /ready \d+/.test(o.stdout));
  const port = Number(/ready (\d+)/.exec(target.output.stdout)![1]);
  return { ...target, port, out: env.HYPERSCOPE_OUT ?? out };
}

/** Sends `signal` and resolves with the first match of `line` in what the service prints after it. */
async function signalUntil(
  app: InProcessApp,
  signal: NodeJS.Signals,
  line: RegExp,
): Promise<RegExpExecArray> {
  const before = app.output.stderr.length;
  app.child.kill(signal);
  const match = (): RegExpExecArray | null => line.exec(app.output.stderr.slice(before));
  await waitForOutput(app.output, () => match() !== null, 30_000);
  return match()!;
}

/** Sends the recording signal; resolves with the path of the `recording pid N to PATH` line it prints. */
export async function startRecordingBySignal(
  app: InProcessApp,
  signal: NodeJS.Signals = 'SIGUSR2',
): Promise<string> {
  const started = await signalUntil(
    app,
    signal,
    /hyperscope: recording pid \d+ to (.+) \(\w+ again stops it\)\n/,
  );
  return started[1]!;
}

/** Sends the signal again; resolves with the `hyperscope: recording stopped; saved …` line. */
export async function stopRecordingBySignal(
  app: InProcessApp,
  signal: NodeJS.Signals = 'SIGUSR2',
): Promise<string> {
  return (await signalUntil(app, signal, /hyperscope: recording stopped; saved .*/))[0];
}

/** One GET to the service on 127.0.0.1: its status code. */
export async function getStatus(app: InProcessApp, path = '/'): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${app.port}${path}`);
  await response.arrayBuffer();
  return response.status;
}
