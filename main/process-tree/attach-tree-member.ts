/**
 * Attaches to one process of a tree (a cluster primary or worker, PM2's daemon or an app) so that the
 * others can be attached too: an inspector we opened is moved off the port they all want, and one
 * that Node opened because we signalled the primary counts as ours and is closed at the end.
 * A process alone keeps `attachByPid`'s path (`attach-with-tree.ts` decides).
 */
import { attachByPid } from '../inspector/attach-pid';
import type { AttachedTarget } from '../inspector/attached-target';
import { moveInspectorInside } from '../inspector/move-inspector-inside';
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
    const from = new URL(attached.inspectorUrl);
    const port = Number(from.port);
    if (options.move === false) {
      return attached.openedByUs ? attached : ownedInspectorTarget({ ...attachedFacts(attached), port });
    }
    const moved = await moveInspectorInside(pid, attached.session, { host: from.hostname, port });
    const verified = await openVerifiedSession(moved.webSocketUrl, await readNamespacePids(pid));
    return ownedInspectorTarget({
      pid,
      session: verified.session,
      nodeVersion: verified.nodeVersion,
      webSocketUrl: moved.webSocketUrl,
      port: moved.address.port,
    });
  });
}

function attachedFacts(target: AttachedTarget) {
  return {
    pid: target.pid,
    session: target.session,
    nodeVersion: target.nodeVersion,
    webSocketUrl: target.inspectorUrl,
  };
}
