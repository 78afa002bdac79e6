/**
 * Promises observed in a window may settle after hooks went off. At each collection a bounded number
 * of them (round robin) is checked: collected by GC while pending, or no longer pending per
 * `util.inspect` (the one public, side-effect-free way to read a promise's state; ~1 µs each).
 */
import type { PromiseTracker } from './promise-tracker';

type Inspect = (value: unknown, options: object) => string;

const PENDING = /^[^{]*\{\s*<pending>/;
// A collection spends at most this long checking, ms (a few thousand checks): the rest wait for the next one.
const MAX_CHECK_MS = 3;

export class SettleChecker {
  private cursor = 0;

  constructor(
    private readonly tracker: PromiseTracker,
    private readonly inspect: Inspect | undefined,
  ) {}

  /** Checks up to `budget` weakly held slots; returns how many were found settled or collected. */
  check(budget: number): number {
    const { tracker } = this;
    const { store, holders } = tracker;
    const end = store.highWater;
    if (end === 0) return 0;
    let found = 0;
    let checked = 0;
    const deadline = Date.now() + MAX_CHECK_MS;
    for (let visited = 0; visited < end && checked < budget; visited++) {
      if ((visited & 1023) === 1023 && Date.now() > deadline) break;
      const slot = this.cursor;
      this.cursor = this.cursor + 1 >= end ? 0 : this.cursor + 1;
      const held = holders[slot];
      if (!(held instanceof WeakRef) || !store.isPending(slot)) continue;
      checked++;
      const promise = held.deref();
      if (promise === undefined) {
        tracker.forget(slot, true);
        found++;
      } else if (this.inspect && !PENDING.test(this.inspect(promise, INSPECT_OPTIONS))) {
        tracker.forget(slot, false);
        found++;
      }
    }
    return found;
  }
}

const INSPECT_OPTIONS = {
  depth: 0,
  customInspect: false,
  showProxy: false,
  maxArrayLength: 0,
  maxStringLength: 0,
};
