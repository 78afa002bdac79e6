/**
 * Closes the inspector Hyperscope opened, once its agent is orphaned. `inspector.close()` waits for every
 * connected client to disconnect, on the target's main thread: with a client still connected (a stopped
 * recorder, someone's debugger) it would freeze the target. So it closes only when the kernel's socket
 * table shows nobody connected to the inspector's port; where that table cannot be read (not Linux),
 * the inspector stays open.
 */
import type { Builtins, RequireLike } from './builtins';
import { loadBuiltin } from './builtins';
import { MOVED_FROM_PORT_KEY } from '../core/agent-protocol';
import { parseProcTcpRows, TCP_STATE } from '../core/network/proc-tcp-rows';

type Inspector = typeof import('node:inspector');

/** Closes the inspector if it is open and unused; says whether it did. Run at a clean turn of the loop. */
export function closeOrphanedInspector(builtins: Builtins, requireFn: RequireLike | undefined): boolean {
  const inspector = loadBuiltin(requireFn, 'inspector') as Inspector;
  const url = inspector.url();
  if (!url) return false;
  const port = Number(new URL(url).port);
  const clients = connectionsTo(builtins.fs, port);
  if (clients === null || clients > 0) return false;
  inspector.close();
  restoreMovedFromPort();
  return true;
}

/** A target whose inspector we moved off its port gets that port back for the next SIGUSR1. */
function restoreMovedFromPort(): void {
  const store = globalThis as Record<symbol, unknown>;
  const key = Symbol.for(MOVED_FROM_PORT_KEY);
  const port = store[key];
  if (typeof port === 'number') process.debugPort = port;
  delete store[key];
}

/** Established connections whose local port is `port`, or null when the socket table is unreadable. */
function connectionsTo(fs: Builtins['fs'], port: number): number | null {
  let count = 0;
  let readable = false;
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = fs.readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    readable = true;
    for (const row of parseProcTcpRows(text))
      if (row.state === TCP_STATE.established && row.localPort === port) count++;
  }
  return readable ? count : null;
}
