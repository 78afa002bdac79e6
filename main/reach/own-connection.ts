/**
 * Whether a connection accepted on loopback comes from this very process. A relay's local port gives
 * whoever connects to it the target's inspector — code execution in a container, often as its root —
 * so it serves Hyperscope alone, not every user of the machine.
 */
import { readdir, readFile, readlink } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { parseProcTcpRows, TCP_STATE } from '../../core/network/proc-tcp-rows';

/**
 * True when the peer of `accepted` (a socket our server accepted over IPv4 loopback) is a socket held
 * by this process: its row in our network namespace's TCP table is found by its 4-tuple, and its inode
 * among our open descriptors.
 */
export async function isOwnConnection(accepted: Socket): Promise<boolean> {
  const { remotePort, localPort } = accepted;
  if (remotePort === undefined || localPort === undefined) return false;
  const table = await readFile('/proc/self/net/tcp', 'utf8').catch(() => '');
  const peer = parseProcTcpRows(table).find(
    (row) =>
      row.state === TCP_STATE.established && row.localPort === remotePort && row.remotePort === localPort,
  );
  if (!peer || peer.inode === 0) return false;
  return (await ownSocketInodes()).has(peer.inode);
}

async function ownSocketInodes(): Promise<Set<number>> {
  const fds = await readdir('/proc/self/fd').catch(() => []);
  const links = await Promise.all(fds.map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => '')));
  const inodes = new Set<number>();
  for (const link of links) {
    const match = /^socket:\[(\d+)\]$/.exec(link);
    if (match) inodes.add(Number(match[1]));
  }
  return inodes;
}
