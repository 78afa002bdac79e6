/**
 * Node targets in namespaces of their own, as containers run them: `unshare --net` (its own 127.0.0.1,
 * brought up inside), optionally `--pid --fork --mount-proc` (it is pid 1 of its PID namespace), a
 * directory only its mount namespace sees (a tmpfs filled from another directory), and another user.
 * Needs root and util-linux; `namespaceSupport()` says why not when they are missing.
 */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { NodeTarget } from './node-target';
import { startProcess } from './node-target';

export interface NamespaceOptions {
  /** Also a PID namespace (and a mount namespace with its own /proc); the target is its pid 1. */
  pidNamespace?: boolean;
  /** A tmpfs mounted over `path` inside (a mount namespace of its own), filled with `copyFrom`'s files. */
  privateDir?: { path: string; copyFrom: string };
  /** Run the target as this uid and gid (setpriv). */
  asUser?: number;
  /**
   * Create the namespaces as this unprivileged uid, a user namespace first (as rootless Podman does):
   * the target is root inside, that user outside.
   */
  rootlessAs?: number;
  /** Leave the namespace's loopback interface down, as a bare `unshare --net` does (containers bring it up). */
  loopbackDown?: boolean;
}

export interface NamespacedTarget extends NodeTarget {
  /** The target's pid on this host (what `record --pid` is given). */
  hostPid: number;
}

/** Null when namespaced targets can be started here, else why not (a skip message). */
export function namespaceSupport(): string | null {
  if (process.getuid?.() !== 0) return 'needs root to create namespaces with unshare';
  for (const tool of ['unshare', 'nsenter', 'ip', 'setpriv']) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    } catch {
      return `needs ${tool} (util-linux / iproute2)`;
    }
  }
  return null;
}

/** Null when an unprivileged user may create user namespaces here (rootless containers), else why not. */
export function rootlessSupport(uid: number): string | null {
  try {
    execFileSync('setpriv', [...asUser(uid), 'unshare', '--user', '--map-root-user', '--net', 'true'], {
      stdio: 'ignore',
    });
    return null;
  } catch {
    return 'this kernel does not let unprivileged users create user namespaces';
  }
}

/** Starts `node nodeArgs script` in new namespaces; resolves when it prints `ready`. */
export async function startNamespacedNode(
  script: string,
  nodeArgs: string[],
  options: NamespaceOptions = {},
): Promise<NamespacedTarget> {
  const unshare = options.rootlessAs === undefined ? ['--net'] : ['--user', '--map-root-user', '--net'];
  if (options.pidNamespace) unshare.push('--pid', '--mount-proc', '--kill-child');
  else if (options.privateDir) unshare.push('--mount');
  const steps = [options.loopbackDown ? 'true' : 'ip link set lo up'];
  if (options.privateDir) steps.push('mount -t tmpfs tmpfs "$1"', 'cp -r "$2"/. "$1"/');
  const user = options.asUser === undefined ? [] : ['setpriv', ...asUser(options.asUser)];
  const command = [
    ...unshare,
    'sh',
    '-c',
    `${steps.join(' && ')} && shift 2 && exec "$@"`,
    'sh',
    options.privateDir?.path ?? '-',
    options.privateDir?.copyFrom ?? '-',
    ...user,
    process.execPath,
    ...nodeArgs,
    script,
  ];
  const started =
    options.rootlessAs === undefined
      ? await startProcess('unshare', command, 'ready')
      : await startProcess('setpriv', [...asUser(options.rootlessAs), 'unshare', ...command], 'ready');
  // Without a PID namespace unshare exec's into the target; with one, the target is its forked child.
  const hostPid = options.pidNamespace ? await forkedChildOf(started.pid) : started.pid;
  return { ...started, hostPid };
}

/** setpriv's arguments that run a command as `uid` (and the same gid), with no other groups. */
export function asUser(uid: number): string[] {
  return [`--reuid=${uid}`, `--regid=${uid}`, '--clear-groups'];
}

/** The first child `pid` forked (polled: it may not have forked yet). */
export async function forkedChildOf(pid: number): Promise<number> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
    const first = Number(children.trim().split(/\s+/)[0]);
    if (first > 0) return first;
    if (Date.now() > deadline) throw new Error(`process ${pid} forked no child within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
