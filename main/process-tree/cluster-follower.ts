/**
 * Follows the Node children of a recorded process — the workers of a `node:cluster` primary, the apps
 * of PM2's daemon — into the session: each is attached (one at a time: they all want the same
 * inspector port), recorded as a source labelled `worker 2 of 4` or `api (pm_id 3)`, and the children
 * are looked for again every second, so a worker forked during the recording is followed too. A
 * worker that exits ends by itself (its source gets a `source-end`).
 */
import { AttachError } from '../inspector/attached-target';
import type { AttachedTarget } from '../inspector/attached-target';
import { findOpenInspector } from '../ps/open-inspector-in';
import type { FollowContext, Following, SourceFollower } from '../sources/source-follower';
import { attachTreeMember } from './attach-tree-member';
import { childLabel, childRole } from './child-label';
import type { FollowedChild, FollowedTree } from './followed-tree';
import { createFollowedTree, joinTree, treeOf } from './followed-tree';
import type { NodeChild } from './node-children';
import { describeNodeChild, readNodeChildren } from './node-children';

/** How often the children are looked for again, ms. */
export const CHILDREN_POLL_MS = 1000;
/** Tries per child when the port it wants is held (by a sibling not attached yet). */
const CONFLICT_TRIES = 3;

export function clusterFollower(): SourceFollower {
  return { name: 'cluster workers', follow };
}

async function follow(context: FollowContext): Promise<Following | null> {
  const { target } = context.parent;
  // Children of a process reached by URL may live on another machine; a gone process has none.
  if (target.attachedBy === 'url' || !(await describeNodeChild(target.pid))) return null;
  const tree = treeOf(target) ?? createFollowedTree();
  joinTree(target, tree);
  const tried = new Set<number>();
  let stopped = false;
  const look = (): Promise<void> => lookForChildren(context, tree, tried, () => stopped);
  let round = look().catch(() => undefined);
  await round;
  const timer = setInterval(() => {
    round = round.then(look).catch(() => undefined);
  }, CHILDREN_POLL_MS).unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await round;
    },
  };
}

/** Attaches every child not tried yet; resolves once each is recorded or said to be unrecordable. */
async function lookForChildren(
  context: FollowContext,
  tree: FollowedTree,
  tried: Set<number>,
  stopped: () => boolean,
): Promise<void> {
  const ending = (): boolean => stopped() || context.finishing();
  if (ending()) return;
  const children = await readNodeChildren(context.parent.target.pid);
  // A pid that left the tree may come back as another process.
  for (const pid of tried) if (!children.some((c) => c.pid === pid)) tried.delete(pid);
  const fresh = children.filter((c) => !tried.has(c.pid));
  if (fresh.length === 0) return;
  fresh.forEach((c) => tried.add(c.pid));
  await tree.ledger.note(fresh.map((c) => c.pid));
  const recordings: Promise<void>[] = [];
  let pending = await openFirst(fresh);
  for (let attempt = 1; pending.length > 0 && !ending(); attempt++) {
    const conflicted: NodeChild[] = [];
    for (const child of pending) {
      if (ending()) break;
      const label = childLabel(child, children.length);
      try {
        const attached = await attachTreeMember(child.pid, { ledger: tree.ledger });
        joinTree(attached, tree);
        recordings.push(
          record(context, tree, attached, { pid: child.pid, role: childRole(child), label }, ending),
        );
      } catch (error) {
        // Another child holds the port it wants (Node opened it when the primary's opened): that one
        // is attached (and moved off the port) in this pass; this one is tried again after.
        if (error instanceof AttachError && error.code === 'port-conflict' && attempt < CONFLICT_TRIES)
          conflicted.push(child);
        else unrecorded(context, tree, { pid: child.pid, role: childRole(child), label }, error);
      }
    }
    pending = conflicted;
  }
  await Promise.all(recordings);
}

/** Children whose inspector is open already first: they hold the port the others want. */
async function openFirst(children: NodeChild[]): Promise<NodeChild[]> {
  const open = await Promise.all(children.map((c) => findOpenInspector(c.pid)));
  return [...children.filter((_, i) => open[i]), ...children.filter((_, i) => !open[i])];
}

async function record(
  context: FollowContext,
  tree: FollowedTree,
  target: AttachedTarget,
  child: ChildFacts,
  ending: () => boolean,
): Promise<void> {
  if (ending()) return void (await target.stop().catch(() => undefined));
  try {
    await context.add(target, { kind: 'process', threadId: 0, label: child.label });
    tree.children.push({ ...child, attached: true });
  } catch (error) {
    await target.stop().catch(() => undefined);
    if (!ending()) unrecorded(context, tree, child, error);
  }
}

type ChildFacts = Pick<FollowedChild, 'pid' | 'role' | 'label'>;

function unrecorded(context: FollowContext, tree: FollowedTree, child: ChildFacts, error: unknown): void {
  const problem = error instanceof Error ? error.message : String(error);
  tree.children.push({ ...child, attached: false, problem });
  context.warn(`${child.label} (pid ${child.pid}) is not recorded: ${problem}`);
}
