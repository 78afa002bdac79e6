/**
 * Something the agent learnt about a pending promise outside the hooks (the undici request it dispatched,
 * the worker it posted to), kept by slot. A link names the slot's occupant by serial, so a reused slot
 * never inherits it; links of settled promises are dropped at each snapshot (`prune`) or when full.
 */
import type { SlotStore } from './slot-store';

export class SlotLinks<T> {
  private readonly bySlot = new Map<number, { serial: number; value: T }>();
  /** No room was left after the last prune (see `hasRoom`). */
  private full = false;

  constructor(
    private readonly store: SlotStore,
    /** Links kept at most. */
    private readonly max: number,
  ) {}

  /** Links kept (of settled promises too, until pruned). */
  get size(): number {
    return this.bySlot.size;
  }

  /** The value linked to the promise now in `slot`, while it is pending. */
  get(slot: number): T | undefined {
    const link = this.bySlot.get(slot);
    if (!link || link.serial !== this.store.serial[slot] || !this.store.isPending(slot)) return undefined;
    return link.value;
  }

  /** Links `value` to the promise now in `slot` (replacing what it had). */
  set(slot: number, value: T): void {
    this.bySlot.set(slot, { serial: this.store.serial[slot]!, value });
  }

  /**
   * Whether `count` more links fit, once the links of settled promises are dropped if need be. Full of
   * pending links, it says no until the next `prune()` (at a snapshot) instead of walking them all again
   * on every call (that was 80 µs a `postMessage` with 8,192 replies pending).
   */
  hasRoom(count: number): boolean {
    if (this.bySlot.size + count <= this.max) return true;
    if (this.full) return false;
    this.prune();
    this.full = this.bySlot.size + count > this.max;
    return !this.full;
  }

  /** Drops the links of promises no longer pending. */
  prune(): void {
    for (const [slot, link] of this.bySlot) {
      if (link.serial !== this.store.serial[slot] || !this.store.isPending(slot)) this.bySlot.delete(slot);
    }
    this.full = false;
  }
}
