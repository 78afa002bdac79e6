/**
 * Attaches to the process a recording names by pid, ready for its children to be followed: a process
 * with Node children (a cluster primary, PM2's daemon) has their inspector state noted before it is
 * signalled, its inspector moved off the port they want (when they are followed), and every inspector
 * opened in the tree since closed when it stops. A process without Node children is attached exactly
 * as `attachByPid` does.
 */
import { attachByPid } from '../inspector/attach-pid';
import type { AttachedTarget } from '../inspector/attached-target';
import { openTargetRoute } from '../reach/target-route';
import { attachTreeMember } from './attach-tree-member';
import { createFollowedTree, joinTree } from './followed-tree';
import { readNodeChildren } from './node-children';

export interface AttachWithTreeOptions {
  /** The children will be followed (`record` without `--no-workers`). */
  workers: boolean;
}

export async function attachWithTree(pid: number, options: AttachWithTreeOptions): Promise<AttachedTarget> {
  const children = await readNodeChildren(pid).catch(() => []);
  if (children.length === 0) return attachByPid(pid);
  // Every look, attach and close in the tree opens a route of its own; holding one from the first look
  // to the last close keeps one relay serving a tree in a container (`shared-relays.ts`) instead of
  // starting one for each step. Only an optimisation: when it cannot open, each step says why itself.
  const held = await openTargetRoute(pid).catch(() => null);
  const release = async (): Promise<void> => held?.close();
  const tree = createFollowedTree();
  let attached: AttachedTarget;
  try {
    await tree.ledger.note([pid, ...children.map((c) => c.pid)]);
    attached = await attachTreeMember(pid, { ledger: tree.ledger, move: options.workers });
  } catch (error) {
    await release();
    throw error;
  }
  let stopping = false;
  // A session that ends without `stop()` (the target exited, or froze and was let go) frees it too.
  void attached.exited.then(() => (stopping ? undefined : release()));
  const target: AttachedTarget = {
    ...attached,
    async stop() {
      stopping = true;
      try {
        await attached.stop();
        // Inspectors Node opened in the workers when the primary's opened, and any a worker's own stop left.
        await tree.ledger.closeOpened();
      } finally {
        await release();
      }
    },
  };
  joinTree(target, tree);
  return target;
}
