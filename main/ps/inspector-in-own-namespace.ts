/**
 * Where a process in a network namespace of its own (a container) has its inspector open, as far as
 * its listening table tells: `ps` connects to nothing there. Its 127.0.0.1 is not ours (the same port
 * here may be another process's), and reaching its own would start a relay with nsenter — `ps` stays
 * fast and leaves no trace. So a socket the process listens on at the port its options give the
 * inspector is reported as it, unverified.
 */
import { configuredInspectPort } from '../inspector/configured-inspect-port';
import { readListeningSockets } from './listening-sockets';
import { readNodeOptions } from './process-identity';

/** An inspector port seen listening in a process's own network namespace, never connected to. */
export interface UnverifiedInspector {
  /** As the process sees it: its own 127.0.0.1, not ours. */
  host: string;
  port: number;
  /** In the process's own network namespace. */
  namespace: 'own';
  /** Not asked whether it answers as an inspector: only its listening socket was seen. */
  verified: false;
}

/**
 * The inspector process `pid` (command line `argv`) listens on in its own network namespace, read from
 * its `/proc/PID/net/tcp{,6}` rows and descriptors; null when nothing listens on its inspector port
 * (or the process is gone, or not ours to look at). An inspector reopened on another port (as
 * `record` does in a cluster while it records) is not seen.
 */
export async function inspectorInOwnNamespace(
  pid: number,
  argv: readonly string[],
): Promise<UnverifiedInspector | null> {
  const [sockets, nodeOptions] = await Promise.all([
    readListeningSockets(pid).catch(() => []),
    readNodeOptions(pid),
  ]);
  const port = configuredInspectPort(nodeOptions, argv);
  const socket = sockets.find((s) => s.port === port);
  return socket ? { host: socket.host, port, namespace: 'own', verified: false } : null;
}
