/**
 * Opens a local Node process's inspector (SIGUSR1, as `process._debugProcess` does on Linux) and finds
 * the port it actually opened by watching which listening sockets appear in that process — never by
 * assuming 9229. Tells apart "it was already open" and "the port it wanted is taken". Sockets are probed
 * through the target's route: in a container, its 127.0.0.1, never ours.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ListeningSocket } from '../ps/listening-sockets';
import { readListenRows, readListeningSockets } from '../ps/listening-sockets';
import type { ProcessIdentity } from '../ps/process-identity';
import { readNodeOptions } from '../ps/process-identity';
import { firstInspectorAmong } from '../ps/open-inspector-in';
import type { TargetRoute } from '../reach/target-route';
import { AttachError } from './attached-target';
import { configuredInspectPort } from './configured-inspect-port';
import type { InspectorAddress } from './inspector-http';

/** An inspector found listening in the target. */
export interface FoundInspector {
  /** Where it listens, as the target sees it (its own network namespace). */
  address: InspectorAddress;
  /** Where Hyperscope dials it: `address` itself, or a local port standing for it (another namespace). */
  reachable: InspectorAddress;
  /** `vX.Y.Z` as reported by `/json/version`. */
  nodeVersion: string;
  /** False when the inspector was already open before we signalled. */
  openedByUs: boolean;
}

const POLL_INTERVAL_MS = 25;
// Opening takes ~10 ms; past this, a socket that was there before is probed as the inspector.
const ALREADY_OPEN_CHECK_MS = 250;

/**
 * Signals `target` to open its inspector and waits up to `timeoutMs` milliseconds for it to listen;
 * every probe goes through `route`.
 */
export async function openInspectorOf(
  target: ProcessIdentity,
  route: TargetRoute,
  timeoutMs: number,
): Promise<FoundInspector> {
  const { pid } = target;
  const nodeOptions = await readNodeOptions(pid);
  if (/(^|\s)--disable-sigusr1\b/.test(nodeOptions) || target.argv.includes('--disable-sigusr1')) {
    // Without Node's handler, SIGUSR1's default action would kill the process.
    throw new AttachError(
      'unreachable',
      `process ${pid} runs with --disable-sigusr1: its inspector cannot be opened from outside`,
    );
  }
  const before = await readListeningSockets(pid);
  process.kill(pid, 'SIGUSR1');

  const started = Date.now();
  const probed = new Set<number>();
  let firstFresh: ListeningSocket | undefined;
  let checkedExisting = false;
  while (Date.now() - started < timeoutMs) {
    const now = await readListeningSockets(pid).catch(() => {
      throw new AttachError('target-exited', `process ${pid} exited while its inspector was opening`);
    });
    const fresh = now.filter((s) => !probed.has(s.inode) && !before.some((b) => b.inode === s.inode));
    fresh.forEach((s) => probed.add(s.inode));
    firstFresh ??= fresh[0];
    const opened = await firstInspector(fresh, route);
    if (opened) return { ...opened, openedByUs: true };
    if (!checkedExisting && Date.now() - started >= ALREADY_OPEN_CHECK_MS) {
      checkedExisting = true;
      const existing = await firstInspector(before, route);
      if (existing) return { ...existing, openedByUs: false };
      const wanted = configuredInspectPort(nodeOptions, target.argv);
      if (await heldByOther(pid, wanted, before)) throw portConflict(pid, wanted);
    }
    await sleep(POLL_INTERVAL_MS);
  }
  const why = firstFresh ? await route.whyUnreachable(firstFresh) : null;
  if (firstFresh && why) {
    const where = `${firstFresh.host}:${firstFresh.port}`;
    throw new AttachError(
      'unreachable',
      `process ${pid} opened ${where} in its network namespace, but it cannot be reached there: ${why}`,
    );
  }
  throw new AttachError(
    'unreachable',
    `process ${pid} did not open its inspector within ${timeoutMs} ms (is it stuck in native code, or built without inspector?)`,
  );
}

async function firstInspector(
  sockets: ListeningSocket[],
  route: TargetRoute,
): Promise<Omit<FoundInspector, 'openedByUs'> | null> {
  const found = await firstInspectorAmong(sockets, route);
  if (!found) return null;
  const { host, port, reachable, nodeVersion } = found;
  return { address: { host, port }, reachable, nodeVersion };
}

/** True when something other than a socket the target just opened listens on `port`. */
async function heldByOther(pid: number, port: number, before: ListeningSocket[]): Promise<boolean> {
  if (port === 0) return false;
  const holders = (await readListenRows(pid)).filter((row) => row.port === port);
  if (holders.length === 0) return false;
  const mine = await readListeningSockets(pid).catch(() => []);
  return holders.some(
    (h) => !mine.some((m) => m.inode === h.inode) || before.some((b) => b.inode === h.inode),
  );
}

function portConflict(pid: number, port: number): AttachError {
  return new AttachError(
    'port-conflict',
    `process ${pid} could not open its inspector: port ${port} is already in use — stop the other process on ${port}, or start the target with --inspect=127.0.0.1:0`,
  );
}
