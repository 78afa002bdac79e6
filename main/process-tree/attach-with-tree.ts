/**
 * Attaches to the process a recording names by pid, ready for its children to be followed: a process
 * with Node children (a cluster primary, PM2's daemon) has their inspector state noted before it is
 * signalled, its inspector moved off the port they want (when they are followed), and every inspector
 * opened in the tree since closed when it stops. A process without Node children is attached exactly
 * as `attachByPid` does.
 */
import { attachByPid } from '../inspector/attach-pid';
import type { AttachedTarget } from '../inspector/attached-target';
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
  const tree = createFollowedTree();
  await tree.ledger.note([pid, ...children.map((c) => c.pid)]);
  const attached = await attachTreeMember(pid, { ledger: tree.ledger, move: options.workers });
  const target: AttachedTarget = {
    ...attached,
    async stop() {
      await attached.stop();
      // Inspectors Node opened in the workers when the primary's opened, and any a worker's own stop left.
      await tree.ledger.closeOpened();
    },
  };
  joinTree(target, tree);
  return target;
}
