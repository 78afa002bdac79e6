/**
 * The Node.js processes on this machine (from /proc), with their command line, Node version and
 * whether their inspector is open.
 */
import { readdir } from 'node:fs/promises';
import { probeInspectorVersion } from '../inspector/inspector-http';
import { readListeningSockets } from './listening-sockets';
import type { ProcessIdentity } from './process-identity';
import { readProcessIdentity } from './process-identity';
import { nodeVersionOfExe } from './node-version-of-exe';

/** One local Node process, as `hyperscope ps` shows it. */
export interface NodeProcessInfo {
  pid: number;
  /** The arguments as the process sees them. */
  argv: string[];
  /** Path of its Node binary. */
  exe: string;
  /** `vX.Y.Z`; null when neither its inspector nor its binary would tell. */
  nodeVersion: string | null;
  /** Where its inspector listens, or null when it is closed (or we may not look). */
  inspector: { host: string; port: number } | null;
}

// Short: a port that does not answer like an inspector within this many milliseconds is not one.
const PROBE_TIMEOUT_MS = 300;

/** Lists local Node processes, this one excluded, by ascending pid. */
export async function listNodeProcesses(): Promise<NodeProcessInfo[]> {
  const pids = (await readdir('/proc'))
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => pid !== process.pid);
  const identities = await Promise.all(pids.map((pid) => readProcessIdentity(pid).catch(() => null)));
  const nodes = identities.filter((identity): identity is ProcessIdentity => identity?.isNode === true);
  const infos = await Promise.all(nodes.map(describeNodeProcess));
  return infos.sort((a, b) => a.pid - b.pid);
}

async function describeNodeProcess(identity: ProcessIdentity): Promise<NodeProcessInfo> {
  const sockets = await readListeningSockets(identity.pid).catch(() => []);
  // Any listening socket may be the inspector (it can have been opened by a signal, on any port).
  const versions = await Promise.all(sockets.map((s) => probeInspectorVersion(s, PROBE_TIMEOUT_MS)));
  const index = versions.findIndex((v) => v !== null);
  const socket = sockets[index];
  return {
    pid: identity.pid,
    argv: identity.argv,
    exe: identity.exe,
    nodeVersion: versions[index] ?? (await nodeVersionOfExe(identity.exe)),
    inspector: socket ? { host: socket.host, port: socket.port } : null,
  };
}
