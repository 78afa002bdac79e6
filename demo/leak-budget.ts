/**
 * The demo's safety valve for its leaking scenarios. A leak is only a good demo while the process lives, so
 * the leaking code hands each leaked resource to a budget: within it, the resource stays leaked (the budget
 * keeps only a way to release it at `stop()`); past it, it is released at once and the count stops climbing.
 * The ceiling is 80% of the soft open-files limit, and never above 4000 descriptors.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Descriptors the demo never leaks past, whatever the limit. */
const MAX_LEAKED_DESCRIPTORS_CEILING = 4000;
/** Share of the soft open-files limit the process may reach through leaks. */
const LIMIT_SHARE = 0.8;

export interface LeakBudget {
  /**
   * Keeps a leaked resource that holds `descriptors` file descriptors when the budget allows it and returns
   * true; otherwise calls `release` now and returns false.
   */
  hold(descriptors: number, release: () => void): boolean;
  /** Descriptors held so far. */
  readonly held: number;
  /** Releases everything held (at the scenario's stop). */
  releaseAll(): void;
}

/** A budget up to `min(4000, 80% of the soft limit)` open descriptors, counting those open now. */
export function createLeakBudget(): LeakBudget {
  const ceiling = Math.min(MAX_LEAKED_DESCRIPTORS_CEILING, Math.floor(LIMIT_SHARE * openFilesSoftLimit()));
  const allowance = Math.max(0, ceiling - openDescriptorCount());
  const releases: Array<() => void> = [];
  let held = 0;
  return {
    hold(descriptors, release) {
      if (held + descriptors > allowance) {
        release();
        return false;
      }
      held += descriptors;
      releases.push(release);
      return true;
    },
    get held() {
      return held;
    },
    releaseAll() {
      for (const release of releases.splice(0)) release();
      held = 0;
    },
  };
}

/** The soft `RLIMIT_NOFILE` of this process (Node has no getrlimit: read it from /proc or the shell). */
function openFilesSoftLimit(): number {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const soft = Number(line?.split(/\s{2,}/)[1]);
    if (soft > 0) return soft;
  } catch {
    // Not Linux: ask a shell, which inherits our limits.
  }
  try {
    const soft = Number(execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim());
    if (soft > 0) return soft;
  } catch {
    // No shell (Windows): fall through to a conservative guess.
  }
  return 1024;
}

/** Descriptors open in this process now (0 where the platform does not list them). */
function openDescriptorCount(): number {
  for (const dir of ['/proc/self/fd', '/dev/fd']) {
    try {
      return readdirSync(dir).length;
    } catch {
      // Try the next place.
    }
  }
  return 0;
}
