/** Counts of the process's active resources by type name (`process.getActiveResourcesInfo()`, Node ≥ 17.3). */
import type { Collector } from './collector';

export function createResourcesCollector(): Collector<Record<string, number>> {
  return {
    name: 'resources',
    start() {},
    collect() {
      const counts: Record<string, number> = {};
      for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1;
      return counts;
    },
    stop() {},
  };
}
