/** The part a Node process plays in its tree, for `ps` and for what a recording follows. */
import type { ProcessKind } from './process-kind';

/**
 * - `primary`: a `node:cluster` primary (a Node process with cluster-worker children);
 * - `worker`: a cluster worker;
 * - `pm2-daemon` / `pm2-app`: PM2's God Daemon and the apps it runs (in fork or cluster mode);
 * - `parent` / `child`: Node processes started by other means (`child_process.fork`, a wrapper);
 * - `process`: a Node process with neither a Node parent nor Node children.
 */
export type ProcessRole = 'primary' | 'worker' | 'pm2-daemon' | 'pm2-app' | 'parent' | 'child' | 'process';

/** The role of a process from what it says, whether its parent is Node, and what its Node children say. */
export function processRoleOf(
  kind: ProcessKind,
  hasNodeParent: boolean,
  children: readonly ProcessKind[],
): ProcessRole {
  if (kind.pm2Daemon) return 'pm2-daemon';
  if (kind.pm2App) return 'pm2-app';
  if (kind.clusterWorkerId !== null) return 'worker';
  if (children.some((child) => child.clusterWorkerId !== null)) return 'primary';
  if (children.length > 0) return 'parent';
  return hasNodeParent ? 'child' : 'process';
}
