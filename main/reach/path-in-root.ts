/**
 * Reading a target's files through `/proc/PID/root` when it has its own mount namespace (a container).
 * The kernel resolves an absolute symbolic link met below `/proc/PID/root` against *our* root, not the
 * container's (`/app/node_modules/x -> /usr/lib/x` would read the host's /usr/lib/x): so the path is
 * walked here one component at a time, and every link is resolved inside the root.
 */
import { lstat, readlink } from 'node:fs/promises';
import { posix } from 'node:path';

/** Linux gives up after 40 links (ELOOP); so does this. */
const MAX_LINKS = 40;

/**
 * The path, as seen from here, of `path` as the target sees it under `root` (`/proc/PID/root`), with
 * symbolic links resolved inside the root. With `root` null, `path` itself. A component that does not
 * exist ends the walk: the rest is appended as is, so reading it fails with ENOENT as it should.
 */
export async function pathInRoot(root: string | null, path: string): Promise<string> {
  if (root === null) return path;
  const pending = posix.normalize(path).split('/').filter(Boolean);
  const resolved: string[] = [];
  let links = 0;
  while (pending.length > 0) {
    const part = pending.shift()!;
    if (part === '.') continue;
    if (part === '..') {
      resolved.pop(); // `..` at the root stays at the root, as in the kernel
      continue;
    }
    const here = posix.join(root, ...resolved, part);
    const info = await lstat(here).catch(() => null);
    if (!info?.isSymbolicLink()) {
      if (!info) return posix.join(root, ...resolved, part, ...pending);
      resolved.push(part);
      continue;
    }
    if (++links > MAX_LINKS)
      throw Object.assign(new Error(`too many symbolic links in ${path}`), { code: 'ELOOP' });
    const target = await readlink(here);
    if (target.startsWith('/')) resolved.length = 0;
    pending.unshift(...target.split('/').filter(Boolean));
  }
  return posix.join(root, ...resolved);
}
