/**
 * The Node.js processes on this machine (from /proc), as a tree: their command line, Node version,
 * whether their inspector is open, who started them (a cluster primary, PM2's daemon) and the container
 * or namespaces they run in. A process in a network namespace of its own is not probed (see
 * `inspector-in-own-namespace.ts`).
 */
import type { Pm2App, Pm2Daemon } from '../process-tree/process-kind';
import type { TreeProcess } from '../process-tree/node-process-tree';
import { readNodeProcessTree } from '../process-tree/node-process-tree';
import type { ProcessRole } from '../process-tree/process-role';
import { readTargetNamespaces } from '../reach/target-namespaces';
import { nodeVersionOfExe } from './node-version-of-exe';
import type { UnverifiedInspector } from './inspector-in-own-namespace';
import { inspectorInOwnNamespace } from './inspector-in-own-namespace';
import { findOpenInspectorThrough, OUR_NAMESPACE } from './open-inspector-in';

/** One local Node process, as `hyperscope ps` shows it (`ps --json`: schema `hyperscope.ps/1`). */
export interface NodeProcessInfo {
  pid: number;
  /** The arguments as the process sees them. */
  argv: string[];
  /** Path of its Node binary. */
  exe: string;
  /** `vX.Y.Z`; null when neither its inspector nor its binary would tell. */
  nodeVersion: string | null;
  /**
   * Where its inspector listens, or null when it is closed (or we may not look). For a process in a
   * network namespace of its own, `namespace: 'own'` and `verified: false` (added in ps/1): `host:port`
   * is on its 127.0.0.1, seen listening in its table, not connected to.
   */
  inspector: { host: string; port: number } | UnverifiedInspector | null;
  /** Its parent process (Node or not); null when unreadable. Added in ps/1 with the tree. */
  ppid: number | null;
  /** Its part in the tree of Node processes (`primary`, `worker`, `pm2-daemon`, `pm2-app`, …). */
  role: ProcessRole;
  /** The Node process that started it, if any (also listed). */
  parent: number | null;
  /** The Node processes it started (also listed), by ascending pid. */
  children: number[];
  /** `cluster.worker.id` of a cluster worker, else null. */
  clusterWorkerId: number | null;
  /** PM2's id and name of an app PM2 runs, else null. */
  pm2App: Pm2App | null;
  /** PM2's version and home of its daemon, else null. */
  pm2Daemon: Pm2Daemon | null;
  /** The container its cgroup names (`docker:1a2b3c4d5e6f`, `systemd:api.service`…), or null. */
  container: string | null;
  /** The namespaces it does not share with Hyperscope (`net`, `pid`, `mnt`): a container's, or `unshare`'s. */
  ownNamespaces: Array<'net' | 'pid' | 'mnt'>;
}

/** Lists local Node processes, this one excluded, by ascending pid. */
export async function listNodeProcesses(): Promise<NodeProcessInfo[]> {
  const tree = await readNodeProcessTree();
  return Promise.all(tree.map(describeNodeProcess));
}

async function describeNodeProcess(node: TreeProcess): Promise<NodeProcessInfo> {
  const { identity, kind } = node;
  const namespaces = await readTargetNamespaces(identity.pid);
  const [probed, unverified] = namespaces.netIsolated
    ? [null, await inspectorInOwnNamespace(identity.pid, identity.argv)]
    : [await findOpenInspectorThrough(OUR_NAMESPACE, identity.pid), null];
  const own = (['net', 'pid', 'mnt'] as const).filter(
    (ns) => ({ net: namespaces.netIsolated, pid: namespaces.pidIsolated, mnt: namespaces.mountIsolated })[ns],
  );
  return {
    pid: identity.pid,
    argv: identity.argv,
    exe: identity.exe,
    nodeVersion: probed?.nodeVersion ?? (await nodeVersionOfExe(identity.exe)),
    inspector: probed ? { host: probed.host, port: probed.port } : unverified,
    ppid: node.ppid,
    role: node.role,
    parent: node.parent,
    children: node.children,
    clusterWorkerId: kind.clusterWorkerId,
    pm2App: kind.pm2App,
    pm2Daemon: kind.pm2Daemon,
    container: namespaces.container,
    ownNamespaces: own,
  };
}
