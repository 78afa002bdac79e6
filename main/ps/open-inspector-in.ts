/**
 * Whether a process has its inspector open now, and where: any of its listening sockets may be it (a
 * signal opens it on whatever port its options say), so each is asked whether it answers like one.
 * Every question goes through the process's route (`main/reach/target-route.ts`): a socket a process
 * in a container listens on is on *its* 127.0.0.1, and the same port on ours may be another process's.
 */
import type { InspectorAddress } from '../inspector/inspector-http';
import { probeInspectorVersion } from '../inspector/inspector-http';
import type { TargetRoute } from '../reach/target-route';
import { withTargetRoute } from '../reach/with-target-route';
import type { ListeningSocket } from './listening-sockets';
import { readListeningSockets } from './listening-sockets';

/** An inspector found listening in a process. */
export interface OpenInspector {
  /** Where it listens, as the process sees it (in its own network namespace). */
  host: string;
  port: number;
  /** `vX.Y.Z` as its `/json/version` says. */
  nodeVersion: string;
}

/** An inspector found through a route, with where to dial it while that route is open. */
export interface ReachableInspector extends OpenInspector {
  /** `host:port` itself, or the local port standing for it (another network namespace). */
  reachable: InspectorAddress;
}

/** How an address a process listens on is dialled from here: `TargetRoute.reach`. */
export type Reach = Pick<TargetRoute, 'reach'>;

/**
 * For a process just read to share our network namespace (`readTargetNamespaces`): its addresses are
 * ours, dialled as they are, and no route is opened (`ps` starts nothing). Anything else takes a route.
 */
export const OUR_NAMESPACE: Reach = { reach: async (address) => address };

/**
 * The inspector `pid` listens on, or null when none answers within `timeoutMs` milliseconds (or the
 * process is gone, not ours to look at, or in a namespace no relay can enter). Short by default: a
 * port that does not answer like an inspector quickly is not one. Opens the route to `pid` for the
 * look; to connect to what it finds, use {@link findOpenInspectorThrough} with a route you hold.
 */
export async function findOpenInspector(pid: number, timeoutMs = 300): Promise<OpenInspector | null> {
  const found = await withTargetRoute(pid, (route) => findOpenInspectorThrough(route, pid, timeoutMs)).catch(
    () => null,
  );
  return found && { host: found.host, port: found.port, nodeVersion: found.nodeVersion };
}

/** As {@link findOpenInspector}, through `route` (the route to `pid`), which must stay open to dial it. */
export async function findOpenInspectorThrough(
  route: Reach,
  pid: number,
  timeoutMs = 300,
): Promise<ReachableInspector | null> {
  const sockets = await readListeningSockets(pid).catch(() => []);
  return firstInspectorAmong(sockets, route, timeoutMs);
}

/**
 * The first of `sockets` (listening in the process `route` leads to) that answers as a Node inspector
 * within `timeoutMs` milliseconds, or null. All are asked at once.
 */
export async function firstInspectorAmong(
  sockets: readonly ListeningSocket[],
  route: Reach,
  timeoutMs?: number,
): Promise<ReachableInspector | null> {
  const reachable = await Promise.all(sockets.map((s) => route.reach({ host: s.host, port: s.port })));
  const versions = await Promise.all(reachable.map((address) => probeInspectorVersion(address, timeoutMs)));
  const index = versions.findIndex((v) => v !== null);
  const socket = sockets[index];
  const nodeVersion = versions[index];
  return socket && nodeVersion
    ? { host: socket.host, port: socket.port, nodeVersion, reachable: reachable[index]! }
    : null;
}
