/**
 * Event-loop delay (p50, p99, max) and utilisation over the interval since the previous collection.
 * `monitorEventLoopDelay` reports nanoseconds that include its own timer resolution: both are corrected here.
 * Known gap: `reset()` also forgets the monitor's last tick, so a block that begins within one resolution
 * (10 ms) after a collection is not seen as delay (it still shows in utilisation).
 * A block still going on at collection time (a stuck service: the inspector collects in an interrupt)
 * is measured from the last turn of a heartbeat timer and counted as delay already.
 */
import type { EventLoopUtilization } from 'node:perf_hooks';
import type { EventLoopStats } from '../core/agent-protocol';
import type { Builtins } from './builtins';
import { blockedStack } from './blocked-stack';
import type { Collector } from './collector';

/** Sampling period of the delay histogram, ms (Node's default). */
const RESOLUTION_MS = 10;
/** Period of the heartbeat that dates the loop's last turn, ms: 20 wake-ups a second, unref'd. */
const HEARTBEAT_MS = 50;
/** A loop not turned for this long at collection time is blocked: its stack is taken, ms. */
const BLOCKED_STACK_MIN_MS = 100;
const NS_PER_MS = 1e6;

type Histogram = ReturnType<Builtins['perf_hooks']['monitorEventLoopDelay']>;

export function createEventLoopCollector(): Collector<EventLoopStats> {
  let histogram: Histogram | undefined;
  let performance: Builtins['perf_hooks']['performance'] | undefined;
  let lastUtilization: EventLoopUtilization | undefined;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let lastTurn = 0;
  return {
    name: 'eventLoop',
    start(context) {
      performance = context.builtins.perf_hooks.performance;
      lastUtilization = performance.eventLoopUtilization();
      histogram = context.builtins.perf_hooks.monitorEventLoopDelay({ resolution: RESOLUTION_MS });
      histogram.enable();
      lastTurn = performance.now();
      heartbeat = setInterval(() => (lastTurn = performance?.now() ?? 0), HEARTBEAT_MS);
      heartbeat.unref();
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
        const blockedForMs = Math.max(0, performance.now() - lastTurn - HEARTBEAT_MS);
        stats.blockedForMs = blockedForMs;
        stats.delayMaxMs = Math.max(stats.delayMaxMs, blockedForMs);
        if (blockedForMs >= BLOCKED_STACK_MIN_MS) stats.blockedStack = blockedStack();
        const now = performance.eventLoopUtilization();
        stats.utilization = performance.eventLoopUtilization(now, lastUtilization).utilization;
        lastUtilization = now;
      }
      return stats;
    },
    stop() {
      clearInterval(heartbeat);
      heartbeat = undefined;
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
