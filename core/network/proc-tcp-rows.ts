/**
 * Rows of Linux's `/proc/net/tcp` and `/proc/net/tcp6` tables, as text: pure parsing, shared by the
 * process list (listening ports) and the agent (connections to its inspector's port).
 */

/** One socket row: fields as the kernel prints them, the port decoded. */
export interface ProcTcpRow {
  /** Local address in the kernel's hex (host-order 32-bit words). */
  localAddressHex: string;
  /** Local port, 0–65535. */
  localPort: number;
  /** Remote address in the same hex (zeros for a listening socket). */
  remoteAddressHex: string;
  /** Remote port (0 for a listening socket). */
  remotePort: number;
  /** Connection state in hex: `0A` listening, `01` established. */
  state: string;
  /** Kernel socket inode (0 for sockets no process holds any more). */
  inode: number;
}

/** The kernel's state codes used here. */
export const TCP_STATE = { established: '01', listen: '0A' } as const;

/** Every well-formed row of a table ("sl local_address rem_address st … inode"), the header skipped. */
export function parseProcTcpRows(table: string): ProcTcpRow[] {
  const rows: ProcTcpRow[] = [];
  for (const line of table.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    const [local, remote, state, inode] = [fields[1], fields[2], fields[3], fields[9]];
    if (!local || !remote || !state || !inode) continue;
    const [localAddressHex, portHex] = local.split(':');
    const [remoteAddressHex, remotePortHex] = remote.split(':');
    if (!localAddressHex || !portHex || !remoteAddressHex || !remotePortHex) continue;
    rows.push({
      localAddressHex,
      localPort: parseInt(portHex, 16),
      remoteAddressHex,
      remotePort: parseInt(remotePortHex, 16),
      state,
      inode: Number(inode),
    });
  }
  return rows;
}
