/**
 * What a recording knows about the tree of processes it follows from one attached process: the ledger
 * of inspectors that were closed before we came, and how following its children went — for the CLI's
 * lines ("and its 4 cluster workers", "worker 3 could not be attached") and the final clean-up.
 * Kept beside the attached target it was found from, and shared by every process of that tree.
 */
import type { AttachedTarget } from '../inspector/attached-target';
import type { InspectorLedger } from './inspector-ledger';
import { createInspectorLedger } from './inspector-ledger';

/** A child process the follower tried to record. */
export interface FollowedChild {
  pid: number;
  /** What it is to its parent: a cluster worker, a PM2 app, or another Node child. */
  role: 'worker' | 'pm2-app' | 'child';
  /** `worker 2 of 4`, `api (pm_id 3)`. */
  label: string;
  /** True once it is recorded; false when it could not be (see `problem`). */
  attached: boolean;
  /** Why it could not be attached, one line. */
  problem?: string;
}

export interface FollowedTree {
  readonly ledger: InspectorLedger;
  /** Every child the follower tried, in the order it did; grows during the recording. */
  readonly children: FollowedChild[];
}

const trees = new WeakMap<AttachedTarget, FollowedTree>();

/** A new tree with an empty ledger. */
export function createFollowedTree(): FollowedTree {
  return { ledger: createInspectorLedger(), children: [] };
}

/** Makes `tree` the tree of `target` (and of every process attached within it). */
export function joinTree(target: AttachedTarget, tree: FollowedTree): void {
  trees.set(target, tree);
}

/** The tree `target` was attached in, if any. */
export function treeOf(target: AttachedTarget): FollowedTree | undefined {
  return trees.get(target);
}
