/** The process's memory (`process.memoryUsage()`), bytes. */
import type { MemoryStats } from '../core/agent-protocol';
import type { Collector } from './collector';

export function createMemoryCollector(): Collector<MemoryStats> {
  return {
    name: 'memory',
    start() {},
    collect() {
      const usage = process.memoryUsage();
      return {
        rss: usage.rss,
        heapUsed: usage.heapUsed,
        heapTotal: usage.heapTotal,
        external: usage.external,
        arrayBuffers: usage.arrayBuffers,
      };
    },
    stop() {},
  };
}
