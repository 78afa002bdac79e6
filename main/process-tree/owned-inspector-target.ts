/**
 * An attached process whose inspector we opened, on a session we made ourselves (after moving the
 * inspector, or for one that Node opened because we signalled its cluster primary): `stop()` closes
 * the inspector again, as `attachByPid`'s target does for one it opened.
 */
import type { AttachedTarget } from '../inspector/attached-target';
import { closeInspectorInside } from '../inspector/close-inspector-inside';
import type { InspectorSession } from '../inspector/inspector-session';
import { waitForInspectorClosed } from '../inspector/wait-for-inspector-closed';

export interface OwnedInspector {
  pid: number;
  session: InspectorSession;
  nodeVersion: string;
  /** The `ws://` URL `session` is connected to. */
  webSocketUrl: string;
  /** The port the inspector listens on. */
  port: number;
}

export function ownedInspectorTarget({
  pid,
  session,
  nodeVersion,
  webSocketUrl,
  port,
}: OwnedInspector): AttachedTarget {
  return {
    session,
    pid,
    nodeVersion,
    inspectorUrl: webSocketUrl,
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
      if (closing) await waitForInspectorClosed(pid, port);
    },
  };
}
