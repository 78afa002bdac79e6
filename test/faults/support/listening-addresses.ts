/**
 * The raw bound addresses of a process's listening TCP sockets, from Linux's /proc (unlike
 * `main/ps/listening-sockets.ts`, which maps "every address" to a host to connect to, this keeps it).
 */
import { readdir, readFile, readlink } from 'node:fs/promises';

export interface BoundSocket {
  /** `127.0.0.1`, `::1`, `0.0.0.0`, `::` or the kernel's hex for anything else. */
  address: string;
  port: number;
  /** True for 127.0.0.1, ::1 and ::ffff:127.0.0.1. */
  loopback: boolean;
}

const KNOWN: Record<string, string> = {
  '0100007F': '127.0.0.1',
  '00000000': '0.0.0.0',
  '00000000000000000000000001000000': '::1',
  '0000000000000000FFFF00000100007F': '::ffff:127.0.0.1',
  '00000000000000000000000000000000': '::',
};

/** Listening sockets whose inode is among `pid`'s open descriptors. */
export async function boundListeningSockets(pid: number): Promise<BoundSocket[]> {
  const inodes = new Set<string>();
  for (const fd of await readdir(`/proc/${pid}/fd`).catch(() => [])) {
    const link = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
    const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
    if (inode) inodes.add(inode);
  }
  const tables = await Promise.all(
    ['tcp', 'tcp6'].map((name) => readFile(`/proc/${pid}/net/${name}`, 'utf8').catch(() => '')),
  );
  const sockets: BoundSocket[] = [];
  for (const line of tables.join('\n').split('\n')) {
    const fields = line.trim().split(/\s+/);
    // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
    if (fields[3] !== '0A' || !inodes.has(fields[9] ?? '')) continue;
    const [hex = '', port = '0'] = (fields[1] ?? '').split(':');
    const address = KNOWN[hex] ?? hex;
    sockets.push({
      address,
      port: parseInt(port, 16),
      loopback: /^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/.test(address),
    });
  }
  return sockets;
}
