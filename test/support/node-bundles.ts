/**
 * The CLI, demo and agent bundles the tests run, built only when missing or older than their sources.
 * `npm test` builds them first; rebuilding while other test files run them would swap files under running
 * processes (and make recorded scripts look changed, so their source maps would be refused).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUNDLES = [
  'out/cli/hyperscope.js',
  'out/cli/demo-load-worker.js',
  'out/cli/demo-pricing-worker.js',
  'out/demo/demo.cjs',
  'out/agent/agent.js',
  'out/register/register.cjs',
  'out/register/recorder-worker.js',
];
const SOURCES = ['core', 'main', 'profiler-agent', 'demo'];

export function ensureNodeBundles(): void {
  const built = Math.min(...BUNDLES.map((file) => mtimeOf(join(ROOT, file))));
  if (built > 0 && newestSourceMtime(SOURCES) <= built) return;
  execFileSync(process.execPath, ['scripts/build-node.mjs'], { cwd: ROOT, stdio: 'pipe' });
}

/**
 * The newest modification time (ms) of the sources under `dirs` (relative to the repository) whose names
 * match `include`; tests are not sources.
 */
export function newestSourceMtime(dirs: readonly string[], include = /\.tsx?$/): number {
  let newest = 0;
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (include.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
        newest = Math.max(newest, mtimeOf(path));
    }
  };
  for (const dir of dirs) walk(join(ROOT, dir));
  return newest;
}

/** Modification time of `path`, ms; 0 when it does not exist. */
export function mtimeOf(path: string): number {
  return statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0;
}
