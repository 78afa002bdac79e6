/**
 * The followers a recording uses: which other processes and threads of the target it records beside
 * it. Each kind registers itself here (cluster workers in `main/process-tree/`, worker threads in
 * `main/threads/`).
 */
import { clusterFollower } from '../process-tree/cluster-follower';
import { unfollowedChildrenNotice } from '../process-tree/tree-notices';
import { threadFollower } from '../threads/thread-follower';
import type { SourceFollower } from './source-follower';

/** Which kinds of other sources to follow (`record --no-workers`, `--no-threads`). */
export interface FollowChoice {
  /** Child Node processes: cluster workers, PM2 apps. */
  workers: boolean;
  /** `worker_threads` of every recorded process. */
  threads: boolean;
}

export const FOLLOW_ALL: FollowChoice = { workers: true, threads: true };

/** The followers for `choice`. */
export function followersFor(choice: FollowChoice): SourceFollower[] {
  const followers: SourceFollower[] = [];
  followers.push(choice.workers ? clusterFollower() : unfollowedChildrenNotice());
  if (choice.threads) followers.push(threadFollower);
  return followers;
}
