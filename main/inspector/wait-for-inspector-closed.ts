/**
 * Waits until a process no longer listens on its inspector's port: `hyperscope` exits only once the
 * target runs as it did before we came (the inspector closes itself shortly after we disconnect).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { readListeningSockets } from '../ps/listening-sockets';

const POLL_MS = 25;

/**
 * Resolves once process `pid` no longer listens on TCP `port`, when it has exited, or after `timeoutMs`
 * milliseconds (whichever comes first); never rejects.
 */
export async function waitForInspectorClosed(pid: number, port: number, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const listening = await readListeningSockets(pid).catch(() => null);
    if (!listening?.some((socket) => socket.port === port)) return;
    await sleep(POLL_MS);
  }
}
