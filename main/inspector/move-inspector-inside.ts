/**
 * Moves an inspector we opened off the port it opened on, to a free loopback port, from inside the
 * target. Every process of a cluster opens its inspector on the same port when signalled (9229 unless
 * configured), so while one holds it no other can open its own: each process we record is moved off
 * it once connected, and the next can be signalled. Measured in `docs/performance.md` ("Clusters").
 * The new port is probed through the target's route: a cluster in a container reopens on its own
 * 127.0.0.1, and the same port on ours may be another process's.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { MOVED_FROM_PORT_KEY } from '../../core/agent-protocol';
import { readListeningSockets } from '../ps/listening-sockets';
import { firstInspectorAmong } from '../ps/open-inspector-in';
import type { TargetRoute } from '../reach/target-route';
import { AttachError } from './attached-target';
import type { InspectorAddress } from './inspector-http';
import { readInspectorTargets } from './inspector-http';
import type { InspectorSession } from './inspector-session';

/** Where the inspector listens after the move. */
export interface MovedInspector {
  /** As the target sees it (in its own network namespace). */
  address: InspectorAddress;
  /** Its WebSocket URL as reached through the route: valid while that route is open. */
  webSocketUrl: string;
}

/**
 * As in `close-inspector-inside.ts`: the target closes its inspector only after we have disconnected
 * (closing under a connected session raced into a SIGSEGV on Node 20), in a timer, with the built-in
 * loaded there and not in the evaluation. It reopens at once on a port the system picks, on loopback.
 */
const MOVE_DELAY_MS = 250;
// The port it had is kept (the first move's, if moved again) for whoever closes it: `inspector.open(0)`
// leaves `process.debugPort` at the new port, and the next SIGUSR1 would open there.
const MOVE_LATER = `(() => {
  const req = typeof require === 'function' ? require : undefined;
  const load = (name) => (process.getBuiltinModule ? process.getBuiltinModule(name) : req(name));
  const key = Symbol.for(${JSON.stringify(MOVED_FROM_PORT_KEY)});
  setTimeout(() => {
    try {
      if (globalThis[key] === undefined) globalThis[key] = process.debugPort;
      const inspector = load('node:inspector'); inspector.close(); inspector.open(0, '127.0.0.1');
    } catch {}
  }, ${MOVE_DELAY_MS}).unref();
  return true;
})()`;

const POLL_MS = 20;

/**
 * Asks process `pid` (whose inspector at `from`, as it sees it, we opened and `session` is connected
 * to) to reopen its inspector on a free port, closes `session`, and waits up to `timeoutMs` ms until
 * the inspector answers on its new port through `route` (the route to `pid`) and `from` is free.
 * Fails with `unreachable` when it does not reopen.
 */
export async function moveInspectorInside(
  pid: number,
  session: InspectorSession,
  from: InspectorAddress,
  route: TargetRoute,
  timeoutMs = 5000,
): Promise<MovedInspector> {
  const before = new Set((await readListeningSockets(pid)).map((s) => s.inode));
  try {
    await session.send('Runtime.evaluate', {
      expression: MOVE_LATER,
      includeCommandLineAPI: true,
      returnByValue: true,
    });
  } finally {
    await session.close();
  }
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const now = await readListeningSockets(pid).catch(() => {
      throw new AttachError('target-exited', `process ${pid} exited while its inspector was moving`);
    });
    if (!now.some((s) => s.port === from.port && before.has(s.inode))) {
      const moved = await firstInspectorAmong(
        now.filter((s) => !before.has(s.inode)),
        route,
      );
      const url =
        moved && (await readInspectorTargets(moved.reachable).catch(() => []))[0]?.webSocketDebuggerUrl;
      if (moved && url) return { address: { host: moved.host, port: moved.port }, webSocketUrl: url };
    }
    await sleep(POLL_MS);
  }
  throw new AttachError(
    'unreachable',
    `process ${pid} did not reopen its inspector on a free port within ${timeoutMs} ms`,
  );
}
