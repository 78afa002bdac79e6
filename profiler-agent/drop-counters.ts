/**
 * What the agent could not keep, by reason, since install. Counters only grow; they are reported
 * in every snapshot (`agent.dropped`) so that a capped number is never mistaken for the whole.
 */
import type { DropCounters } from '../core/agent-protocol';

export class DropCounter {
  private readonly counts: DropCounters = {};

  /** Adds `count` (default 1) under `reason`. */
  add(reason: string, count = 1): void {
    if (count > 0) this.counts[reason] = (this.counts[reason] ?? 0) + count;
  }

  /** A copy of the counters, safe to serialise. */
  snapshot(): DropCounters {
    return { ...this.counts };
  }
}
