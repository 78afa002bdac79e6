/** Runs the built CLI (`out/cli/hyperscope.js`) as a user would, in a child process. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Report } from '../../core/report/report';

export const CLI = fileURLToPath(new URL('../../out/cli/hyperscope.js', import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts the CLI; the caller decides when it ends. Output is collected on the returned object. */
export function startCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const child: ChildProcess = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout!.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const done = new Promise<CliResult>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, ...output })),
  );
  return { child, output, done };
}

/** Runs the CLI to completion, killing it after `timeoutMs`. */
export async function runCli(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<CliResult> {
  const run = startCli(args, options);
  const timer = setTimeout(() => run.child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  try {
    return await run.done;
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves when `predicate` holds for the collected output (polled), or rejects after `timeoutMs`. */
export async function waitForOutput(
  output: { stdout: string; stderr: string },
  predicate: (o: { stdout: string; stderr: string }) => boolean,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate(output)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting; stderr so far:\n${output.stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The `-- node hyperscope.js demo --scenario <scenario> --load` tail of a `record` command line. */
export function demoCommand(scenario: string): string[] {
  return ['--', process.execPath, CLI, 'demo', '--scenario', scenario, '--load'];
}

/** `hyperscope report --json FILE`, expected to succeed; the parsed report. */
export async function reportJson(file: string): Promise<Report> {
  const result = await runCli(['report', '--json', file]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Report;
}
