/**
 * `hyperscope record` run by a bench as a user runs it, in a child process of its own (its CPU is not
 * the load generator's), and what its session file says per source.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { waitFor } from '../test/support/wait-for';
import { median } from './bench';
import type { StartedTarget } from './target-run';

const CLI = fileURLToPath(new URL('../out/cli/hyperscope.js', import.meta.url));

/**
 * `hyperscope record --pid` with `more` arguments in a child process; resolves once `expected` sources
 * (threads and processes) have a snapshot in `output`. `stop()` ends it with SIGINT, as Ctrl-C does.
 */
export async function startRecorder(
  target: StartedTarget,
  output: string,
  more: string[],
  expected: number,
): Promise<{ pid: number; stop(): Promise<void> }> {
  const args = ['record', '--pid', String(target.pid), '-o', output, ...more];
  const child = spawn(process.execPath, [CLI, ...args], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await waitFor(
    () => recordedSources(output) >= expected,
    30_000,
    () => `${output}: fewer than ${expected} sources have a snapshot`,
  );
  return {
    pid: child.pid!,
    async stop() {
      child.kill('SIGINT');
      await exited;
    },
  };
}

/** Snapshot lines of a session file by source (`main` for the header's target). */
function snapshotsBySource(path: string): Map<string, { agent: { collectCpuMs: number } }[]> {
  const out = new Map<string, { agent: { collectCpuMs: number } }[]>();
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return out;
  }
  for (const line of text.split('\n')) {
    if (!line.startsWith('{"type":"snapshot"')) continue;
    const record = JSON.parse(line) as { source?: string; snapshot: { agent: { collectCpuMs: number } } };
    const source = record.source ?? 'main';
    out.set(source, [...(out.get(source) ?? []), record.snapshot]);
  }
  return out;
}

function recordedSources(path: string): number {
  return snapshotsBySource(path).size;
}

/** Median `collectCpuMs` of the header target's snapshots (`main`) and of every other source's (`thread`). */
export function collectCosts(sessions: string[]): { main: number; thread: number } {
  const main: number[] = [];
  const thread: number[] = [];
  for (const path of sessions)
    for (const [source, snapshots] of snapshotsBySource(path))
      (source === 'main' ? main : thread).push(...snapshots.map((s) => s.agent.collectCpuMs));
  return { main: median(main), thread: median(thread) };
}
