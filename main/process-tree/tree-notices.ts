/**
 * What the CLI says about the children a recording follows: "and its 4 cluster workers" on its start
 * line, one warning line per child that could not be recorded (also an event in the session), and a
 * warning when a cluster primary is recorded without them — never a silent recording of an idle primary.
 */
import type { AttachedTarget } from '../inspector/attached-target';
import type { FollowContext, Following, SourceFollower } from '../sources/source-follower';
import type { FollowedChild } from './followed-tree';
import { treeOf } from './followed-tree';
import { childRole } from './child-label';
import { readNodeChildren } from './node-children';

const NOUNS: Record<FollowedChild['role'], [string, string]> = {
  worker: ['cluster worker', 'cluster workers'],
  'pm2-app': ['PM2 app', 'PM2 apps'],
  child: ['Node child process', 'Node child processes'],
};

/** ` and its 4 cluster workers` (those recorded now), or '' when it follows none. */
export function followedSuffix(target: AttachedTarget): string {
  const recorded = (treeOf(target)?.children ?? []).filter((c) => c.attached);
  return recorded.length === 0
    ? ''
    : ` and its ${count(recorded.length, nounOf(recorded.map((c) => c.role)))}`;
}

/** Lines about children that could not be recorded, from the `from`-th child tried on. */
export function unrecordedLines(target: AttachedTarget, from = 0): string[] {
  const children = treeOf(target)?.children ?? [];
  const lines = children
    .slice(from)
    .filter((c) => !c.attached)
    .map((c) => `${c.label} (pid ${c.pid}) is not recorded: ${c.problem ?? 'unknown reason'}`);
  if (from === 0 && children.length > 0 && children.every((c) => !c.attached)) {
    const what = count(children.length, nounOf(children.map((c) => c.role)));
    lines.push(`none of its ${what} is recorded: this session holds pid ${target.pid} alone`);
  }
  return lines;
}

/** How many children the follower has tried so far (to pass as `from` later). */
export function childrenTried(target: AttachedTarget): number {
  return treeOf(target)?.children.length ?? 0;
}

/** The warning for a process recorded without its Node children (`--no-workers`), or null when it has none. */
export async function unfollowedWarning(pid: number): Promise<string | null> {
  const children = await readNodeChildren(pid).catch(() => []);
  if (children.length === 0) return null;
  const what = count(children.length, nounOf(children.map(childRole)));
  return `pid ${pid} has ${what} (${children.map((c) => c.pid).join(', ')}); with --no-workers only pid ${pid} itself is recorded, not the work they do`;
}

/** With `--no-workers`: follows nothing, but says in the session that the children are left out. */
export function unfollowedChildrenNotice(): SourceFollower {
  return {
    name: 'cluster workers (left out)',
    async follow(context: FollowContext): Promise<Following | null> {
      if (context.parent.kind !== 'process' || context.parent.target.attachedBy === 'url') return null;
      const warning = await unfollowedWarning(context.parent.target.pid);
      if (warning) context.warn(warning);
      return null;
    },
  };
}

function nounOf(roles: FollowedChild['role'][]): [string, string] {
  const first = roles[0] ?? 'child';
  return roles.every((r) => r === first) ? NOUNS[first] : NOUNS.child;
}

function count(n: number, [one, many]: [string, string]): string {
  return `${n} ${n === 1 ? one : many}`;
}
