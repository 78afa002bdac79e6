/** Watching Hyperscope's relays (`main/reach/`) from a test: by the network namespace they serve. */
import { readdir, readFile, readlink } from 'node:fs/promises';

/** Pids of relay processes running in network namespace `netNamespace` (a `/proc/PID/ns/net` link). */
export async function relaysInNamespaceOf(netNamespace: string): Promise<number[]> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
  const found: number[] = [];
  for (const pid of pids) {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (!cmdline.includes('netns-relay.js')) continue;
    if ((await readlink(`/proc/${pid}/ns/net`).catch(() => null)) === netNamespace) found.push(Number(pid));
  }
  return found;
}

/** The `/proc/PID/ns/net` link of a process (`net:[4026532174]`). */
export function netNamespaceOf(pid: number): Promise<string> {
  return readlink(`/proc/${pid}/ns/net`);
}

/** Polls an async condition every 50 ms; rejects after `timeoutMs`. */
export async function waitUntil(
  condition: () => Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
