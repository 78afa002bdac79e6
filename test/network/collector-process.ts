/**
 * Runs the network collectors inside a real Node process: bundles them with esbuild into a temp CommonJS
 * file, writes a target script that requires it, and reads the JSON lines the script prints.
 */
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A temp dir holding `collectors.cjs` (exports createTlsCollector, createUndiciCollector, startCollectors). */
export async function bundleCollectors(): Promise<{ dir: string; cleanup(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'hyperscope-net-'));
  await build({
    stdin: {
      contents: `
        export { createTlsCollector } from './profiler-agent/tls/tls-collector';
        export { createUndiciCollector } from './profiler-agent/undici/undici-collector';
        import { resolveBuiltins } from './profiler-agent/builtins';
        /** Starts the collectors with a context like the agent's; returns the drop counters too. */
        export function startCollectors(collectors, requireFn) {
          const dropped = {};
          const context = {
            builtins: resolveBuiltins(requireFn),
            options: {},
            drop: (reason, count = 1) => { dropped[reason] = (dropped[reason] ?? 0) + count; },
            isAgentWork: () => false,
          };
          for (const collector of collectors) collector.start(context);
          return { dropped };
        }`,
      resolveDir: ROOT,
      loader: 'ts',
    },
    outfile: join(dir, 'collectors.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    logLevel: 'warning',
  });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes `source` as `name` in `dir` and runs it with `node` (or `nodePath`); resolves with stdout lines as JSON. */
export async function runTarget(
  dir: string,
  name: string,
  source: string,
  options: { timeoutMs?: number; nodePath?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ lines: unknown[]; stderr: string; code: number | null }> {
  const file = join(dir, name);
  writeFileSync(file, source);
  const child = spawn(options.nodePath ?? process.execPath, [file], {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  const lines = stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as unknown);
  return { lines, stderr, code };
}
