/**
 * Real Node processes for attach tests: a short script written to a temp dir and started with `node`,
 * ready once it prints `ready`. Every target started is killed by `killNodeTargets()`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface NodeTarget {
  child: ChildProcess;
  pid: number;
  /** Output collected so far. */
  output: { stdout: string; stderr: string };
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** A script that stays alive and says so. */
export const IDLE_SCRIPT = "setInterval(() => {}, 1000); console.log('ready');";

const started = new Set<ChildProcess>();

/**
 * An inspector opened by signal (SIGUSR1) listens on a random port, not 9229: tests run in parallel
 * workers, and two targets on 9229 at once would fail each other's attach with a port conflict.
 */
export const RANDOM_INSPECT_PORT = '--inspect-port=127.0.0.1:0';

/**
 * Writes `source` to a temp file and runs `node [nodeArgs] file`; resolves when it prints `ready`.
 * Pass `nodeArgs` `[]` for Node's own default inspector port (9229).
 */
export async function startNodeTarget(
  source = IDLE_SCRIPT,
  nodeArgs: string[] = [RANDOM_INSPECT_PORT],
): Promise<NodeTarget> {
  const dir = mkdtempSync(join(tmpdir(), 'hyperscope-target-'));
  const file = join(dir, 'target.cjs');
  writeFileSync(file, source);
  return startProcess(process.execPath, [...nodeArgs, file], 'ready');
}

/**
 * Starts any command (with `env` added to this process's environment, in `cwd` when given); resolves
 * when its stdout contains `readyText` (or at once when it is empty).
 */
export async function startProcess(
  command: string,
  args: string[],
  readyText = '',
  env: NodeJS.ProcessEnv = {},
  cwd?: string,
): Promise<NodeTarget> {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.add(child);
  const output = { stdout: '', stderr: '' };
  child.stdout!.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const exited = new Promise<NodeTarget['exited'] extends Promise<infer T> ? T : never>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const deadline = Date.now() + 10_000;
  while (!output.stdout.includes(readyText)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`${command} did not get ready; stderr:\n${output.stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { child, pid: child.pid!, output, exited };
}

/** Kills every process started here that is still running, and waits for each to exit. */
export async function killNodeTargets(): Promise<void> {
  const running = [...started].filter((c) => c.exitCode === null && c.signalCode === null);
  started.clear();
  await Promise.all(
    running.map((child) => {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      return gone;
    }),
  );
}

/** Sends SIGKILL to `pid`; a process already gone is not an error. */
export function killPid(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** True while a process with this pid exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
