/**
 * Event-loop delay (p50, p99, max) and utilisation over the interval since the previous collection.
 * `monitorEventLoopDelay` reports nanoseconds that include its own timer resolution: both are corrected here.
 * Known gap: `reset()` also forgets the monitor's last tick, so a block that begins within one resolution
 * (10 ms) after a collection is not seen as delay (it still shows in utilisation).
 */
import type { EventLoopUtilization } from 'node:perf_hooks';
import type { EventLoopStats } from '../core/agent-protocol';
import type { Builtins } from './builtins';
import type { Collector } from './collector';

/** Sampling period of the delay histogram, ms (Node's default). */
const RESOLUTION_MS = 10;
const NS_PER_MS = 1e6;

type Histogram = ReturnType<Builtins['perf_hooks']['monitorEventLoopDelay']>;

export function createEventLoopCollector(): Collector<EventLoopStats> {
  let histogram: Histogram | undefined;
  let performance: Builtins['perf_hooks']['performance'] | undefined;
  let lastUtilization: EventLoopUtilization | undefined;
  return {
    name: 'eventLoop',
    start(context) {
      performance = context.builtins.perf_hooks.performance;
      lastUtilization = performance.eventLoopUtilization();
      histogram = context.builtins.perf_hooks.monitorEventLoopDelay({ resolution: RESOLUTION_MS });
      histogram.enable();
    },
    collect() {
      const stats: EventLoopStats = { delayP50Ms: 0, delayP99Ms: 0, delayMaxMs: 0, utilization: 0 };
      if (histogram && histogram.count > 0) {
        stats.delayP50Ms = delayMs(histogram.percentile(50));
        stats.delayP99Ms = delayMs(histogram.percentile(99));
        stats.delayMaxMs = delayMs(histogram.max);
      }
      histogram?.reset();
      if (performance) {
        const now = performance.eventLoopUtilization();
        stats.utilization = performance.eventLoopUtilization(now, lastUtilization).utilization;
        lastUtilization = now;
      }
      return stats;
    },
    stop() {
      histogram?.disable();
      histogram = undefined;
      performance = undefined;
      lastUtilization = undefined;
    },
  };
}

function delayMs(nanoseconds: number): number {
  return Math.max(0, nanoseconds / NS_PER_MS - RESOLUTION_MS);
}
