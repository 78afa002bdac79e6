/**
 * Attaches to one process of a tree (a cluster primary or worker, PM2's daemon or an app) so that the
 * others can be attached too: an inspector we opened is moved off the port they all want, and one
 * that Node opened because we signalled the primary counts as ours and is closed at the end.
 * A process alone keeps `attachByPid`'s path (`attach-with-tree.ts` decides). A tree in a container is
 * reached through its route (`main/reach/`) throughout: the moved inspector listens on its 127.0.0.1.
 */
import type { AttachedByPid } from '../inspector/attach-pid';
import { attachByPid } from '../inspector/attach-pid';
import type { AttachedTarget } from '../inspector/attached-target';
import { moveInspectorInside } from '../inspector/move-inspector-inside';
import { openRouteToPid } from '../inspector/open-route-to-pid';
import { openVerifiedSession } from '../inspector/open-verified-session';
import { readNamespacePids } from '../ps/process-identity';
import { inAttachQueue } from './attach-queue';
import type { InspectorLedger } from './inspector-ledger';
import { ownedInspectorTarget } from './owned-inspector-target';

export interface TreeMemberOptions {
  ledger: InspectorLedger;
  /** Move an inspector we opened off the port it opened on (default true). */
  move?: boolean;
}

/**
 * Attaches to `pid` (in the queue: one at a time). Fails as `attachByPid` does; `port-conflict` when
 * another process holds the port it wants (retry after attaching that one).
 */
export function attachTreeMember(pid: number, options: TreeMemberOptions): Promise<AttachedTarget> {
  return inAttachQueue(async () => {
    const { ledger } = options;
    await ledger.note([pid]);
    const attached = await attachByPid(pid);
    const ours = attached.openedByUs || ledger.wasClosed(pid);
    if (!ours) return attached;
    if (options.move === false) {
      return attached.openedByUs ? attached : ownedInspectorTarget(attachedFacts(attached));
    }
    return moveOffSharedPort(attached);
  });
}

/**
 * Moves the inspector of `attached` to a free port and connects there. The route is opened while the
 * first session still holds the namespace's relay (so the same relay serves), and held until the new
 * session ends.
 */
async function moveOffSharedPort(attached: AttachedByPid): Promise<AttachedTarget> {
  const { pid } = attached;
  const route = await openRouteToPid(pid).catch(async (error: unknown) => {
    await attached.stop().catch(() => undefined);
    throw error;
  });
  try {
    const moved = await moveInspectorInside(pid, attached.session, attached.inspectorListensOn, route);
    const verified = await openVerifiedSession(moved.webSocketUrl, await readNamespacePids(pid));
    void verified.session.closed.then(() => route.close());
    return ownedInspectorTarget({
      pid,
      session: verified.session,
      nodeVersion: verified.nodeVersion,
      webSocketUrl: moved.webSocketUrl,
      listensOn: moved.address,
      reachedThrough: route.describe(moved.address) ?? undefined,
    });
  } catch (error) {
    await route.close();
    throw error;
  }
}

function attachedFacts(target: AttachedByPid) {
  return {
    pid: target.pid,
    session: target.session,
    nodeVersion: target.nodeVersion,
    webSocketUrl: target.inspectorUrl,
    listensOn: target.inspectorListensOn,
    reachedThrough: target.reachedThrough,
  };
}
