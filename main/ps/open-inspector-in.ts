/**
 * Whether a process has its inspector open now, and where: any of its listening sockets may be it (a
 * signal opens it on whatever port its options say), so each is asked whether it answers like one.
 */
import { probeInspectorVersion } from '../inspector/inspector-http';
import { readListeningSockets } from './listening-sockets';

/** An inspector found listening in a process. */
export interface OpenInspector {
  host: string;
  port: number;
  /** `vX.Y.Z` as its `/json/version` says. */
  nodeVersion: string;
}

/**
 * The inspector `pid` listens on, or null when none answers within `timeoutMs` milliseconds (or the
 * process is gone or not ours to look at). Short by default: a port that does not answer like an
 * inspector quickly is not one.
 */
export async function findOpenInspector(pid: number, timeoutMs = 300): Promise<OpenInspector | null> {
  const sockets = await readListeningSockets(pid).catch(() => []);
  const versions = await Promise.all(sockets.map((s) => probeInspectorVersion(s, timeoutMs)));
  const index = versions.findIndex((v) => v !== null);
  const socket = sockets[index];
  const nodeVersion = versions[index];
  return socket && nodeVersion ? { host: socket.host, port: socket.port, nodeVersion } : null;
}
