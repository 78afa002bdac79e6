/**
 * Whether a connection accepted on loopback comes from this very process. A relay's local port gives
 * whoever connects to it the target's inspector — code execution in a container, often as its root —
 * so it serves Hyperscope alone, not every user of the machine.
 */
import { readFile } from 'node:fs/promises';
import { Socket } from 'node:net';
import { parseProcTcpRows, TCP_STATE } from '../../core/network/proc-tcp-rows';
import { readSocketInodes } from '../ps/listening-sockets';

/**
 * True when the peer of `accepted` (a socket our server accepted over IPv4 loopback) is a socket held
 * by this process. Fast: one of Node's active socket handles here is that peer (`isPeerOf`).
 * Otherwise (an unref'd socket is not listed; a stranger never is): its row in our network namespace's
 * TCP table, found by its 4-tuple, and its inode among our open descriptors. Reading that table took
 * 10–30 ms per connection on a busy 2-core machine, hence the fast path.
 */
export async function isOwnConnection(accepted: Socket): Promise<boolean> {
  const { remotePort, localPort } = accepted;
  if (remotePort === undefined || localPort === undefined) return false;
  if (activeSockets().some((s) => s !== accepted && isPeerOf(s, accepted))) return true;
  const table = await readFile('/proc/self/net/tcp', 'utf8').catch(() => '');
  const peer = parseProcTcpRows(table).find(
    (row) =>
      row.state === TCP_STATE.established && row.localPort === remotePort && row.remotePort === localPort,
  );
  if (!peer || peer.inode === 0) return false;
  return (await readSocketInodes('self').catch(() => new Set<number>())).has(peer.inode);
}

/**
 * True when our socket `own` is the other end of `accepted`: same loopback address and port. Our end
 * is usually still `connecting` when the server accepts (its 'connect' comes in a later turn), and a
 * connecting socket does not tell its remote port yet: then its local address and port must do.
 */
function isPeerOf(own: Socket, accepted: Socket): boolean {
  if (own.localPort !== accepted.remotePort || own.localAddress !== accepted.remoteAddress) return false;
  return own.connecting || own.remotePort === accepted.localPort;
}

/**
 * This process's active socket handles. `process._getActiveHandles` is not documented (it is what
 * why-is-node-running reads) but has been there since Node 0.x; when absent, the slow path decides.
 */
function activeSockets(): Socket[] {
  const list = (process as unknown as { _getActiveHandles?: () => unknown[] })._getActiveHandles;
  if (typeof list !== 'function') return [];
  return list.call(process).filter((handle): handle is Socket => handle instanceof Socket);
}
