/**
 * Attach to a local Node process by its PID: check it exists and is Node, open its inspector, find the
 * port it opened, connect, and check from inside that the session really is that process. A process in
 * another network namespace (a container) is reached through a relay started in it (`main/reach/`).
 */
import type { ProcessIdentity } from '../ps/process-identity';
import { readNamespacePids, readProcessIdentity } from '../ps/process-identity';
import type { AttachedTarget } from './attached-target';
import { AttachError } from './attached-target';
import { closeInspectorInside } from './close-inspector-inside';
import type { InspectorAddress } from './inspector-http';
import { readInspectorTargets } from './inspector-http';
import { connectInspector } from './inspector-session';
import { openInspectorOf } from './open-inspector-of-pid';
import { openRouteToPid } from './open-route-to-pid';
import type { FoundInspector } from './open-inspector-of-pid';
import type { VerifiedSession } from './open-verified-session';
import { assertSupportedNode, openVerifiedSession } from './open-verified-session';
import { waitForInspectorClosed } from './wait-for-inspector-closed';

/** A target attached by PID: it always tells where its inspector listens, as it sees it. */
export type AttachedByPid = AttachedTarget & Required<Pick<AttachedTarget, 'inspectorListensOn'>>;

export interface AttachByPidOptions {
  /** How long to wait for the inspector to start listening after the signal, in milliseconds. Default 2000. */
  openTimeoutMs?: number;
}

/**
 * Attaches to process `pid` on this machine. Fails with an {@link AttachError}: `no-such-process`,
 * `permission-denied`, `not-node`, `port-conflict`, `node-too-old`, `unreachable` or `wrong-process`.
 */
export async function attachByPid(pid: number, options: AttachByPidOptions = {}): Promise<AttachedByPid> {
  if (!Number.isSafeInteger(pid) || pid <= 0) {
    throw new AttachError('no-such-process', `"${pid}" is not a process id`);
  }
  if (pid === process.pid) throw new AttachError('wrong-process', `process ${pid} is hyperscope itself`);
  assertProcessExists(pid);
  const identity = await readIdentity(pid);
  if (!identity.isNode) {
    throw new AttachError('not-node', `process ${pid} (${identity.name}) is not a Node.js process`);
  }
  // Before the signal: a target we could not reach should not be left with an open inspector.
  const route = await openRouteToPid(pid);
  let found: FoundInspector;
  let webSocketUrl: string;
  let verified: VerifiedSession;
  let via: string | null;
  try {
    found = await openInspectorOf(identity, route, options.openTimeoutMs ?? 2000);
    via = route.describe(found.address);
    webSocketUrl = await webSocketUrlAt(found.reachable, via);
    try {
      assertSupportedNode(found.nodeVersion);
    } catch (error) {
      if (found.openedByUs) await closeAfterTooOld(webSocketUrl);
      throw error;
    }
    verified = await openVerifiedSession(webSocketUrl, await readNamespacePids(pid));
  } catch (error) {
    await route.close();
    throw error;
  }
  const { session } = verified;
  // The relay (if any) serves this session; a reconnection opens a route of its own.
  void session.closed.then(() => route.close());

  return {
    session,
    pid,
    nodeVersion: verified.nodeVersion,
    inspectorUrl: webSocketUrl,
    ...(via ? { reachedThrough: via } : {}),
    inspectorListensOn: found.address,
    attachedBy: 'pid',
    openedByUs: found.openedByUs,
    warnings: [],
    exited: session.closed.then(() => null),
    async stop() {
      if (!session.isOpen()) return;
      // Leave the process as we found it: an inspector we opened is closed again, after we disconnect.
      const closing =
        found.openedByUs &&
        (await closeInspectorInside(session).then(
          () => true,
          () => false,
        ));
      await session.close();
      if (closing) await waitForInspectorClosed(pid, found.address.port);
    },
  };
}

function assertProcessExists(pid: number): void {
  try {
    process.kill(pid, 0);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EPERM') throw permissionDenied(pid);
    throw new AttachError('no-such-process', `no such process: ${pid}`);
  }
}

async function readIdentity(pid: number): Promise<ProcessIdentity> {
  try {
    return await readProcessIdentity(pid);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') throw permissionDenied(pid);
    throw new AttachError('no-such-process', `no such process: ${pid} (it has exited)`);
  }
}

function permissionDenied(pid: number): AttachError {
  return new AttachError(
    'permission-denied',
    `permission denied: process ${pid} belongs to another user (run hyperscope as that user or as root)`,
  );
}

/** The target's WebSocket URL, read at `address`; `via` names the real place when it is a relay's port. */
async function webSocketUrlAt(address: InspectorAddress, via: string | null): Promise<string> {
  const where = via ?? `${address.host}:${address.port}`;
  const targets = await readInspectorTargets(address).catch((error: Error) => {
    throw new AttachError(
      'unreachable',
      `cannot read the inspector's target list at ${where}: ${error.message}`,
    );
  });
  const url = (targets.find((t) => t.type === 'node') ?? targets[0])?.webSocketDebuggerUrl;
  if (!url) throw new AttachError('unreachable', `the inspector at ${where} lists no target`);
  return url;
}

/** Closes an inspector we opened in a Node too old to profile, so the process runs as before. */
async function closeAfterTooOld(webSocketUrl: string): Promise<void> {
  const session = await connectInspector(webSocketUrl).catch(() => null);
  if (!session) return;
  await closeInspectorInside(session).catch(() => undefined);
  await session.close().catch(() => undefined);
}
