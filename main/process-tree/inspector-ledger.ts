/**
 * Which processes of a tree had their inspector closed before Hyperscope came, so that every inspector
 * opened in them since — by our signal, or by Node itself — is closed again at the end. Node's cluster
 * primary signals every worker to open its inspector when its own opens (`NODE_DEBUG_ENABLED` in
 * `lib/internal/cluster/primary.js`): attaching to a primary opens inspectors in its workers too, even
 * when they are not recorded (`--no-workers`) or could not open theirs then. Each look and each close
 * goes through the process's route: a tree in a container listens on its own 127.0.0.1, not ours.
 */
import { readNamespacePids } from '../ps/process-identity';
import { findOpenInspector, findOpenInspectorThrough } from '../ps/open-inspector-in';
import { withTargetRoute } from '../reach/with-target-route';
import { closeInspectorInside } from '../inspector/close-inspector-inside';
import { readInspectorTargets } from '../inspector/inspector-http';
import { openVerifiedSession } from '../inspector/open-verified-session';
import { waitForInspectorClosed } from '../inspector/wait-for-inspector-closed';

export interface InspectorLedger {
  /** Notes, for each of `pids` not seen yet, whether its inspector is open now (the first look counts). */
  note(pids: readonly number[]): Promise<void>;
  /** True when `pid` was noted with its inspector closed: an inspector open in it now is ours. */
  wasClosed(pid: number): boolean;
  /**
   * Closes the inspector of every noted-closed process that has one open now; resolves with their
   * pids once they listen no more. Call it after every session to them has ended.
   */
  closeOpened(): Promise<number[]>;
}

export function createInspectorLedger(): InspectorLedger {
  const closedBefore = new Set<number>();
  const seen = new Set<number>();
  return {
    async note(pids) {
      const fresh = pids.filter((pid) => !seen.has(pid));
      fresh.forEach((pid) => seen.add(pid));
      const open = await Promise.all(fresh.map((pid) => findOpenInspector(pid)));
      fresh.forEach((pid, i) => {
        if (!open[i]) closedBefore.add(pid);
      });
    },
    wasClosed: (pid) => closedBefore.has(pid),
    async closeOpened() {
      const closed = await Promise.all([...closedBefore].map(closeIfOpen));
      return [...closedBefore].filter((_, i) => closed[i]);
    },
  };
}

/** Connects to `pid`'s inspector if it has one open, asks it to close, and waits until it has. */
async function closeIfOpen(pid: number): Promise<boolean> {
  try {
    return await withTargetRoute(pid, async (route) => {
      const open = await findOpenInspectorThrough(route, pid);
      if (!open) return false;
      const [entry] = await readInspectorTargets(open.reachable);
      if (!entry) return false;
      const expected = await readNamespacePids(pid);
      const { session } = await openVerifiedSession(entry.webSocketDebuggerUrl, expected);
      await closeInspectorInside(session).finally(() => session.close());
      await waitForInspectorClosed(pid, open.port);
      return true;
    });
  } catch {
    // Gone meanwhile, its inspector is someone else's session now, or its namespace cannot be entered.
    return false;
  }
}
