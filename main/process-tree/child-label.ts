/** How a followed child process is named for people: in the CLI, the report and the UI. */
import { basename } from 'node:path';
import type { FollowedChild } from './followed-tree';
import type { NodeChild } from './node-children';

/** What a child is to its parent. */
export function childRole(child: NodeChild): FollowedChild['role'] {
  if (child.kind.pm2App) return 'pm2-app';
  return child.kind.clusterWorkerId !== null ? 'worker' : 'child';
}

/**
 * `worker 2 of 4` for a cluster worker (its `cluster.worker.id`; ids grow past the count when
 * workers are replaced, then `worker 6`), `api (pm_id 3)` for a PM2 app, else `child server.js`.
 * `workers` is how many Node children its parent has now.
 */
export function childLabel(child: NodeChild, workers: number): string {
  const { pm2App, clusterWorkerId } = child.kind;
  if (pm2App) {
    const id = pm2App.pmId === null ? '' : ` (pm_id ${pm2App.pmId})`;
    return `${pm2App.name ?? `pid ${child.pid}`}${id}`;
  }
  if (clusterWorkerId !== null) {
    return clusterWorkerId <= workers
      ? `worker ${clusterWorkerId} of ${workers}`
      : `worker ${clusterWorkerId}`;
  }
  const script = child.identity.argv.slice(1).find((arg) => !arg.startsWith('-'));
  return `child ${script ? basename(script) : `pid ${child.pid}`}`;
}
