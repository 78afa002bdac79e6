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
    const [local, state, inode] = [fields[1], fields[3], fields[9]];
    if (!local || !state || !inode) continue;
    const [localAddressHex, portHex] = local.split(':');
    if (!localAddressHex || !portHex) continue;
    rows.push({ localAddressHex, localPort: parseInt(portHex, 16), state, inode: Number(inode) });
  }
  return rows;
}
