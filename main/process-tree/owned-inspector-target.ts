/**
 * An attached process whose inspector we opened, on a session we made ourselves (after moving the
 * inspector, or for one that Node opened because we signalled its cluster primary): `stop()` closes
 * the inspector again, as `attachByPid`'s target does for one it opened.
 */
import type { AttachedTarget } from '../inspector/attached-target';
import { closeInspectorInside } from '../inspector/close-inspector-inside';
import type { InspectorAddress } from '../inspector/inspector-http';
import type { InspectorSession } from '../inspector/inspector-session';
import { waitForInspectorClosed } from '../inspector/wait-for-inspector-closed';

export interface OwnedInspector {
  pid: number;
  session: InspectorSession;
  nodeVersion: string;
  /** The `ws://` URL `session` is connected to (a relay's local port for a process in a container). */
  webSocketUrl: string;
  /** Where the inspector listens, as the process sees it. */
  listensOn: InspectorAddress;
  /** How it is reached when not directly (`AttachedTarget.reachedThrough`). */
  reachedThrough?: string;
}

export function ownedInspectorTarget({
  pid,
  session,
  nodeVersion,
  webSocketUrl,
  listensOn,
  reachedThrough,
}: OwnedInspector): AttachedTarget {
  return {
    session,
    pid,
    nodeVersion,
    inspectorUrl: webSocketUrl,
    ...(reachedThrough ? { reachedThrough } : {}),
    inspectorListensOn: listensOn,
    attachedBy: 'pid',
    openedByUs: true,
    warnings: [],
    exited: session.closed.then(() => null),
    async stop() {
      if (!session.isOpen()) return;
      const closing = await closeInspectorInside(session).then(
        () => true,
        () => false,
      );
      await session.close();
      if (closing) await waitForInspectorClosed(pid, listensOn.port);
    },
  };
}
