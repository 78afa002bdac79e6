/**
 * Open file descriptors and the soft limit, from `/proc/self` (Linux). Elsewhere both are null.
 */
import type { AgentSnapshot } from '../core/agent-protocol';
import type { Builtins } from './builtins';
import type { Collector } from './collector';

export type FdsSection = AgentSnapshot['fds'];

export function createFdsCollector(): Collector<FdsSection> {
  let fs: Builtins['fs'] | undefined;
  return {
    name: 'fds',
    start(context) {
      fs = context.builtins.fs;
    },
    collect() {
      if (!fs || process.platform !== 'linux') return { open: null, limit: null };
      return { open: countOpenFds(fs), limit: readSoftLimit(fs) };
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
