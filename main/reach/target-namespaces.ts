/**
 * Whether a target process lives in other Linux namespaces than Hyperscope (a container), its pid as
 * it sees itself, and the container its cgroup names. Read from /proc; nothing is entered.
 */
import { readFile, readlink } from 'node:fs/promises';
import { readNamespacePids } from '../ps/process-identity';
import { cgroupPathOf, containerOfCgroup } from './container-of-cgroup';

export interface TargetNamespaces {
  /** The target has its own network namespace: its 127.0.0.1 is not ours. */
  netIsolated: boolean;
  /** The target has its own PID namespace: its `process.pid` is `innerPid`, not the host pid. */
  pidIsolated: boolean;
  /** The target has its own mount namespace: its files are under /proc/PID/root. */
  mountIsolated: boolean;
  /** The pid the target sees for itself (innermost of `NSpid`); the host pid when not isolated. */
  innerPid: number;
  /** Its cgroup path (v2, else the deepest of v1 pids/memory/systemd), or null when unreadable. */
  cgroup: string | null;
  /** `docker:1a2b3c4d5e6f`, `containerd:…`, `podman:…`, `systemd:api.service`… or null. */
  container: string | null;
}

/** The kinds of namespace compared, by their name under /proc/PID/ns. */
type NamespaceKind = 'net' | 'pid' | 'mnt';

/**
 * Reads where a process lives. A namespace that cannot be read (another user's process without
 * ptrace rights, or a process gone) counts as shared: nothing that would need it can work anyway,
 * and the attach reports that error itself.
 */
export async function readTargetNamespaces(pid: number): Promise<TargetNamespaces> {
  const [netIsolated, pidIsolated, mountIsolated, pids, cgroupText] = await Promise.all([
    differs(pid, 'net'),
    differs(pid, 'pid'),
    differs(pid, 'mnt'),
    readNamespacePids(pid),
    readFile(`/proc/${pid}/cgroup`, 'utf8').catch(() => ''),
  ]);
  const cgroup = cgroupPathOf(cgroupText);
  return {
    netIsolated,
    pidIsolated,
    mountIsolated,
    innerPid: pids.at(-1) ?? pid,
    cgroup,
    container: cgroup === null ? null : containerOfCgroup(cgroup),
  };
}

async function differs(pid: number, kind: NamespaceKind): Promise<boolean> {
  const [ours, theirs] = await Promise.all([
    readlink(`/proc/self/ns/${kind}`).catch(() => null),
    readlink(`/proc/${pid}/ns/${kind}`).catch(() => null),
  ]);
  return ours !== null && theirs !== null && ours !== theirs;
}

/**
 * Where process `pid`'s files are seen from here: `/proc/PID/root` when it has its own mount namespace
 * (a container: its `/app/x.js` is not ours), else null (its paths are ours).
 */
export async function targetFileRoot(pid: number): Promise<string | null> {
  return (await readTargetNamespaces(pid)).mountIsolated ? `/proc/${pid}/root` : null;
}
