/**
 * The TCP ports a process listens on, read from Linux's /proc: the socket inodes among its open file
 * descriptors, matched against the LISTEN rows of its network namespace's `net/tcp` and `net/tcp6`.
 */
import { readdir, readFile, readlink } from 'node:fs/promises';
import { parseProcTcpRows, TCP_STATE } from '../../core/network/proc-tcp-rows';

/** One listening TCP socket. */
export interface ListeningSocket {
  /** The address to connect to: the bound address, or loopback when bound to every address. */
  host: string;
  port: number;
  /** Kernel socket inode (to tell sockets apart across reads). */
  inode: number;
}

/**
 * Listening TCP sockets owned by `pid`. Throws the file system's error (ENOENT: no such process,
 * EACCES: another user's process) so that callers can say which.
 */
export async function readListeningSockets(pid: number): Promise<ListeningSocket[]> {
  const inodes = await readSocketInodes(pid);
  if (inodes.size === 0) return [];
  const rows = await readListenRows(pid);
  return rows.filter((row) => inodes.has(row.inode));
}

/** Every listening socket in `pid`'s network namespace, whoever owns it (to find who holds a port). */
export async function readListenRows(pid: number | 'self'): Promise<ListeningSocket[]> {
  const [v4, v6] = await Promise.all([
    readFile(`/proc/${pid}/net/tcp`, 'utf8').catch(() => ''),
    readFile(`/proc/${pid}/net/tcp6`, 'utf8').catch(() => ''),
  ]);
  return [...parseTcpTable(v4), ...parseTcpTable(v6)];
}

/** Parses a `/proc/net/tcp{,6}` table into its LISTEN rows. */
export function parseTcpTable(table: string): ListeningSocket[] {
  return parseProcTcpRows(table)
    .filter((row) => row.state === TCP_STATE.listen)
    .map((row) => ({ host: connectableHost(row.localAddressHex), port: row.localPort, inode: row.inode }));
}

/** The inodes of the sockets among `pid`'s open descriptors; throws as `readdir` does. */
export async function readSocketInodes(pid: number | 'self'): Promise<Set<number>> {
  const fds = await readdir(`/proc/${pid}/fd`);
  const targets = await Promise.all(fds.map((fd) => readlink(`/proc/${pid}/fd/${fd}`).catch(() => '')));
  const inodes = new Set<number>();
  for (const target of targets) {
    const match = /^socket:\[(\d+)\]$/.exec(target);
    if (match?.[1]) inodes.add(Number(match[1]));
  }
  return inodes;
}

/** The kernel prints addresses as host-order 32-bit words in hex; turn one into something to dial. */
function connectableHost(addressHex: string): string {
  if (addressHex.length === 8) {
    const octets = wordToBytes(addressHex);
    const address = octets.join('.');
    return address === '0.0.0.0' ? '127.0.0.1' : address;
  }
  const bytes = [0, 8, 16, 24].flatMap((offset) => wordToBytes(addressHex.slice(offset, offset + 8)));
  if (bytes.every((b) => b === 0)) return '127.0.0.1';
  // An IPv4-mapped address (::ffff:a.b.c.d) is dialled as plain IPv4.
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 255 && bytes[11] === 255) {
    return bytes.slice(12).join('.');
  }
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)).toString(16));
  return `[${groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::')}]`;
}

/** A little-endian 32-bit word in hex → its 4 bytes in network order. */
function wordToBytes(wordHex: string): number[] {
  const bytes: number[] = [];
  for (let i = 6; i >= 0; i -= 2) bytes.push(parseInt(wordHex.slice(i, i + 2), 16));
  return bytes;
}
