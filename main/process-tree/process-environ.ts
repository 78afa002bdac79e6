/**
 * A process's environment as it was when it started (`/proc/PID/environ`): what tells a cluster worker
 * (`NODE_UNIQUE_ID`) and a PM2 app (`pm_id`, `name`, `pm2_env`) apart. Changes the process made to
 * `process.env` later do not show here — which is what we want: a worker deletes `NODE_UNIQUE_ID` from
 * its own `process.env` at start-up, but not from this file.
 */
import { readFile } from 'node:fs/promises';

/** Parses NUL-separated `NAME=value` entries; the first of a repeated name wins, as in getenv(3). */
export function parseEnviron(text: string): Map<string, string> {
  const env = new Map<string, string>();
  for (const entry of text.split('\0')) {
    const eq = entry.indexOf('=');
    if (eq <= 0) continue;
    const name = entry.slice(0, eq);
    if (!env.has(name)) env.set(name, entry.slice(eq + 1));
  }
  return env;
}

/** The environment of `pid`; empty when unreadable (another user's process, or gone). */
export async function readEnviron(pid: number): Promise<Map<string, string>> {
  return parseEnviron(await readFile(`/proc/${pid}/environ`, 'utf8').catch(() => ''));
}
