/**
 * The version of a Node binary, by running `<exe> --version` once per path (with a short timeout) and
 * remembering the answer for the life of this process.
 */
import { execFile } from 'node:child_process';

const VERSION_TIMEOUT_MS = 1500;
const cache = new Map<string, Promise<string | null>>();

/** `vX.Y.Z` of the Node binary at `exePath`, or null when it cannot be run or does not answer in time. */
export function nodeVersionOfExe(exePath: string): Promise<string | null> {
  let version = cache.get(exePath);
  if (!version) {
    version = new Promise((resolve) => {
      execFile(exePath, ['--version'], { timeout: VERSION_TIMEOUT_MS, env: {} }, (error, stdout) => {
        const text = String(stdout).trim();
        resolve(!error && /^v\d+\.\d+\.\d+/.test(text) ? text : null);
      });
    });
    cache.set(exePath, version);
  }
  return version;
}
