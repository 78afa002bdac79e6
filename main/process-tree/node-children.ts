/**
 * The Node.js child processes of one process: the workers of a cluster primary, the apps of a PM2
 * daemon. Read from `/proc/PID/task/TID/children` (every thread's: a child belongs to the thread that
 * forked it), or, on a kernel without that file, by scanning every process's parent.
 */
import { readdir, readFile } from 'node:fs/promises';
import type { ProcessIdentity } from '../ps/process-identity';
import { readProcessIdentity } from '../ps/process-identity';
import { readPpid } from './proc-stat';
import type { ProcessKind } from './process-kind';
import { processKindOf } from './process-kind';
import { readEnviron } from './process-environ';

/** One Node child process. */
export interface NodeChild {
  pid: number;
  identity: ProcessIdentity;
  kind: ProcessKind;
}

/**
 * The Node children of `pid`, by ascending pid; empty when it has none or is gone. Hyperscope itself
 * is left out (a target may have started it).
 */
export async function readNodeChildren(pid: number): Promise<NodeChild[]> {
  const pids = ((await childPidsFromTasks(pid)) ?? (await childPidsByScan(pid))).filter(
    (child) => child !== process.pid,
  );
  const children = await Promise.all(pids.map(describeNodeChild));
  return children.filter((c): c is NodeChild => c !== null).sort((a, b) => a.pid - b.pid);
}

/** A Node process's identity and kind; null when it is not Node or is gone. */
export async function describeNodeChild(pid: number): Promise<NodeChild | null> {
  const identity = await readProcessIdentity(pid).catch(() => null);
  if (!identity?.isNode) return null;
  return { pid, identity, kind: processKindOf(identity.argv, await readEnviron(pid)) };
}

/** Null when the kernel has no `children` files (CONFIG_PROC_CHILDREN off). */
async function childPidsFromTasks(pid: number): Promise<number[] | null> {
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => null);
  if (!tasks) return [];
  const lists = await Promise.all(
    tasks.map((tid) => readFile(`/proc/${pid}/task/${tid}/children`, 'utf8').catch(() => null)),
  );
  if (lists.every((list) => list === null)) return tasks.length > 0 ? null : [];
  return [...new Set(lists.flatMap((list) => (list ?? '').split(/\s+/).filter(Boolean).map(Number)))];
}

async function childPidsByScan(pid: number): Promise<number[]> {
  const all = (await readdir('/proc')).filter((name) => /^\d+$/.test(name)).map(Number);
  const ppids = await Promise.all(all.map(readPpid));
  return all.filter((_, i) => ppids[i] === pid);
}
