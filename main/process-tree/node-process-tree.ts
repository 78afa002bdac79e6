/**
 * Every Node.js process on this machine with its place in the tree of Node processes: which Node
 * process started it (a cluster primary, PM2's daemon, a wrapper), which it started, and its role.
 */
import { readdir } from 'node:fs/promises';
import type { ProcessIdentity } from '../ps/process-identity';
import { readProcessIdentity } from '../ps/process-identity';
import { readPpid } from './proc-stat';
import type { ProcessKind } from './process-kind';
import { processKindOf } from './process-kind';
import { readEnviron } from './process-environ';
import type { ProcessRole } from './process-role';
import { processRoleOf } from './process-role';

/** One Node process in the tree. */
export interface TreeProcess {
  pid: number;
  /** Its parent process, Node or not; null when unreadable. */
  ppid: number | null;
  identity: ProcessIdentity;
  kind: ProcessKind;
  role: ProcessRole;
  /** The Node process that started it (its `ppid` when that is a Node process), else null. */
  parent: number | null;
  /** Its Node child processes, by ascending pid. */
  children: number[];
}

/** The Node processes on this machine except `exclude` (default: this one), by ascending pid. */
export async function readNodeProcessTree(exclude: number = process.pid): Promise<TreeProcess[]> {
  const pids = (await readdir('/proc'))
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => pid !== exclude);
  const identities = await Promise.all(pids.map((pid) => readProcessIdentity(pid).catch(() => null)));
  const nodes = identities.filter((identity): identity is ProcessIdentity => identity?.isNode === true);
  const facts = await Promise.all(
    nodes.map(async (identity) => {
      const [ppid, env] = await Promise.all([readPpid(identity.pid), readEnviron(identity.pid)]);
      return { identity, ppid, kind: processKindOf(identity.argv, env) };
    }),
  );
  const byPid = new Map(facts.map((f) => [f.identity.pid, f]));
  const childrenOf = new Map<number, number[]>();
  for (const f of facts) {
    if (f.ppid !== null && byPid.has(f.ppid))
      childrenOf.set(f.ppid, [...(childrenOf.get(f.ppid) ?? []), f.identity.pid]);
  }
  return facts
    .map(({ identity, ppid, kind }): TreeProcess => {
      const children = (childrenOf.get(identity.pid) ?? []).sort((a, b) => a - b);
      const parent = ppid !== null && byPid.has(ppid) ? ppid : null;
      const childKinds = children.map((pid) => byPid.get(pid)!.kind);
      return {
        pid: identity.pid,
        ppid,
        identity,
        kind,
        role: processRoleOf(kind, parent !== null, childKinds),
        parent,
        children,
      };
    })
    .sort((a, b) => a.pid - b.pid);
}
