/**
 * The agent's bundled source (`out/agent/agent.js`), read once per process. When it has not been built
 * yet (a fresh checkout running from source), it is built first with `scripts/build-node.mjs`.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

// From the CLI bundle (`out/cli/hyperscope.js`) the agent sits beside it; from source, under `out/`.
const CANDIDATES = [
  new URL('../agent/agent.js', import.meta.url),
  new URL('../../out/agent/agent.js', import.meta.url),
];
const BUILD_SCRIPT = new URL('../../scripts/build-node.mjs', import.meta.url);
const REPO_ROOT = new URL('../../', import.meta.url);

let cached: Promise<string> | undefined;

/** The agent bundle's source text. Rejects when it is missing and cannot be built. */
export function loadAgentBundle(): Promise<string> {
  cached ??= readOrBuild().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

async function readOrBuild(): Promise<string> {
  const found = CANDIDATES.find((url) => existsSync(url));
  if (found) return readFile(found, 'utf8');
  if (!existsSync(BUILD_SCRIPT)) throw new Error('the agent bundle (out/agent/agent.js) is missing');
  await buildNodeBundles();
  return readFile(CANDIDATES[1] as URL, 'utf8');
}

/** Runs `scripts/build-node.mjs` (esbuild, < 1 s) in the repository root. */
export async function buildNodeBundles(): Promise<void> {
  await promisify(execFile)(process.execPath, [fileURLToPath(BUILD_SCRIPT)], {
    cwd: fileURLToPath(REPO_ROOT),
    // Under Electron, `process.execPath` is Electron itself: make it behave as Node.
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    timeout: 60_000,
  });
}
