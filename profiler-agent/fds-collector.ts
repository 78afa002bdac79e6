/**
 * Open file descriptors and the soft limit, from `/proc/self` (Linux). Elsewhere, and in a worker
 * thread (the count is the process's, recorded on its main thread), both are null.
 * The limit changes only by `prlimit` from outside, so it is re-read every `LIMIT_REREAD_MS`, not at every
 * collection: a collection runs in the target's cold, unoptimized tiers, where that read and parse were
 * ~0.15 ms of the ~3 ms a collection costs.
 */
import type { AgentSnapshot } from '../core/agent-protocol';
import type { Builtins } from './builtins';
import type { Collector } from './collector';

export type FdsSection = AgentSnapshot['fds'];

/** How long a soft limit read is reused, ms. */
export const LIMIT_REREAD_MS = 10_000;

export function createFdsCollector(): Collector<FdsSection> {
  let fs: Builtins['fs'] | undefined;
  let limit: { value: number | null; readAt: number } | undefined;
  return {
    name: 'fds',
    start(context) {
      // The descriptors are the process's: counted by its main thread's agent, not again by each worker's.
      const worker = context.builtins.worker_threads?.isMainThread === false;
      fs = worker ? undefined : context.builtins.fs;
      limit = undefined;
    },
    collect(now) {
      if (!fs || process.platform !== 'linux') return { open: null, limit: null };
      if (!limit || now - limit.readAt >= LIMIT_REREAD_MS) limit = { value: readSoftLimit(fs), readAt: now };
      return { open: countOpenFds(fs), limit: limit.value };
    },
    stop() {
      fs = undefined;
    },
  };
}

function countOpenFds(fs: Builtins['fs']): number | null {
  try {
    // Listing the directory holds one descriptor of its own while it reads: not the target's.
    return fs.readdirSync('/proc/self/fd').length - 1;
  } catch {
    return null;
  }
}

/** The soft "Max open files" from `/proc/self/limits`; null when unlimited or unreadable. */
function readSoftLimit(fs: Builtins['fs']): number | null {
  try {
    const line = fs
      .readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((text) => text.startsWith('Max open files'));
    const soft = line?.slice('Max open files'.length).trim().split(/\s+/)[0];
    const value = Number(soft);
    return Number.isFinite(value) ? value : null;
  } catch {
    return null;
  }
}
