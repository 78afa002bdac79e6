/**
 * The promise hooks: each observed promise gets a slot; links between slots are inferred as promises
 * are created. `.then`/`await`/combinator inputs have a parent (what they wait on); which promise waits
 * on them is inferred from creation order: within one synchronous run, the root promises created and
 * not yet awaited form a stack, and a derived promise belongs to the innermost of them (the running
 * async function, or a combinator's result). Stacks are captured for a budgeted share of links only.
 */
import type { Builtins } from '../builtins';
import { captureStack } from '../stack-frames';
import type { ResolvedPromiseOptions } from './options';
import { createPromiseMark } from './promise-mark';
import type { ResourceAttribution } from './resource-attribution';
import { NO_SLOT, SlotFlag, type SlotStore } from './slot-store';

/** Marks a promise counted without a slot (the table was full). */
const OVERFLOW = -2;
const OPEN_MAX = 64;

export class PromiseTracker {
  readonly store: SlotStore;
  /** The slot number on each observed promise, invisible to the target. */
  private readonly mark = createPromiseMark();
  /** The promise of each slot: strong while its window is on, a WeakRef afterwards. */
  readonly holders: (Promise<unknown> | WeakRef<Promise<unknown>> | undefined)[] = [];
  created = 0;
  settled = 0;
  createdInWindow = 0;
  overflowPending = 0;
  collectedUnsettled = 0;
  droppedSlots = 0;
  /** When `createdInWindow` reaches this, `onBusy` runs (once): the window's limit (`DutyCycle.windowLimit`). */
  busyAt = 0;
  /** The window has seen as many promises as it may (see `DutyCycle.windowLimit`). */
  onBusy: () => void = () => undefined;
  /** Stacks that may still be captured; refilled by hooks-on time (`stacksPerSecond`), at most one second's worth. */
  stackTokens = 0;
  stacksTaken = 0;
  stacksEligible = 0;
  private readonly open = new Int32Array(OPEN_MAX);
  private openLen = 0;
  /** The slot whose code runs in the current reaction (resumed awaiter or `.then` link). */
  private current = NO_SLOT;
  /** Counts synchronous runs (reactions); 0 is never a run. */
  private run = 1;
  private lastCreated = NO_SLOT;
  private stops: (() => void)[] = [];
  private attributing = false;
  /** When the stack tokens were last refilled, ms; hooks-off time is never credited. */
  private stackRefilledAt = 0;

  constructor(
    private readonly options: ResolvedPromiseOptions,
    private readonly builtins: Builtins,
    private readonly resources: ResourceAttribution | undefined,
    store: SlotStore,
    /** True while the agent itself runs: its own promises are not observed. */
    private readonly isAgentWork: () => boolean,
  ) {
    this.store = store;
  }

  /**
   * Turns hooks on; with `attribute`, also observes the async resources behind new promises. `limit`:
   * the promises this window may see before `onBusy` runs.
   */
  enable(attribute: boolean, limit: number): void {
    const hooks = this.builtins.v8.promiseHooks;
    this.createdInWindow = 0;
    this.busyAt = limit;
    this.openLen = 0;
    this.stackRefilledAt = Date.now();
    this.stops = [
      hooks.onInit(this.onInit),
      hooks.onSettled(this.onSettled),
      hooks.onBefore(this.onBefore),
      hooks.onAfter(this.onAfter),
    ] as (() => void)[];
    if (this.resources && attribute) {
      this.resources.enable();
      this.attributing = true;
    }
  }

  /** Promises observed since the previous call. */
  takeObserved(): number {
    const observed = this.createdInWindow;
    this.createdInWindow = 0;
    return observed;
  }

  /** While hooks are on: starts or stops observing the async resources behind new promises. */
  setAttribution(attribute: boolean): void {
    if (!attribute) this.stopAttributing();
    else if (this.resources && !this.attributing && this.stops.length > 0) {
      this.resources.enable();
      this.attributing = true;
    }
  }

  /** Turns hooks off; promises still pending are then held weakly and checked at snapshots. */
  disable(): void {
    for (const stop of this.stops) stop();
    this.stops = [];
    this.stopAttributing();
    this.refillStacks(Date.now());
    const { holders, store } = this;
    for (let slot = 0; slot < store.highWater; slot++) {
      const held = holders[slot];
      if (held instanceof Promise) holders[slot] = new WeakRef(held);
    }
  }

  private stopAttributing(): void {
    if (!this.attributing) return;
    this.attributing = false;
    this.resources?.disable();
  }

  /** The slot of a promise seen by the hooks (NO_SLOT if unseen or counted only). */
  slotOf(promise: Promise<unknown>): number {
    const slot = this.mark.get(promise);
    return typeof slot === 'number' && slot >= 0 ? slot : NO_SLOT;
  }

  /**
   * While hooks are on: the root promises of this synchronous run not yet awaited, oldest first. The last
   * one is the promise whose executor is running when it is also the last promise created.
   */
  openRoots(): { roots: Int32Array; executing: number } {
    if (this.stops.length === 0) return { roots: new Int32Array(0), executing: NO_SLOT };
    return { roots: this.open.slice(0, this.openLen), executing: this.executingRoot() };
  }

  /**
   * While hooks are on: the root promise whose executor runs — the last root open in this synchronous run
   * when it is also the last promise created — else NO_SLOT. Allocates nothing (called on `postMessage`).
   */
  executingRoot(): number {
    if (this.stops.length === 0 || this.openLen === 0) return NO_SLOT;
    const top = this.open[this.openLen - 1]!;
    return top === this.lastCreated ? top : NO_SLOT;
  }

  /** Settles a slot found settled or collected while hooks were off. */
  forget(slot: number, collected: boolean): void {
    if (collected) this.collectedUnsettled++;
    else this.settled++;
    this.holders[slot] = undefined;
    this.store.release(slot);
  }

  private readonly onInit = (promise: Promise<unknown>, parent: Promise<unknown> | undefined): void => {
    try {
      if (this.isAgentWork()) return;
      this.created++;
      if (++this.createdInWindow === this.busyAt) this.onBusy();
      const { store } = this;
      const now = Date.now();
      const slot = store.alloc(now);
      if (slot === NO_SLOT) {
        this.mark.set(promise, OVERFLOW);
        this.overflowPending++;
        this.droppedSlots++;
        return;
      }
      this.mark.set(promise, slot);
      this.holders[slot] = promise;
      let wantsStack = true;
      if (!this.attributing) store.flags[slot]! |= SlotFlag.Unattributed;
      if (parent === undefined) {
        if (this.openLen === OPEN_MAX) this.dropOldestOpen();
        this.open[this.openLen++] = slot;
        if (this.resources && this.attributing) {
          this.resources.rootSlot = slot;
          this.resources.rootExecutionId = this.resources.executionId();
        }
      } else {
        if (this.resources) this.resources.rootSlot = NO_SLOT;
        const from = this.mark.get(parent);
        if (typeof from === 'number' && from >= 0 && store.isPending(from)) {
          store.setInner(slot, from);
          store.setOuter(from, slot);
          if (store.sharers[from]! < 255) store.sharers[from]!++;
          this.removeOpen(from);
        } else if (from === undefined) {
          store.flags[slot]! |= SlotFlag.UntrackedParent;
        }
        if (this.openLen > 0) {
          this.linkToAwaiter(slot, this.open[this.openLen - 1]!);
          wantsStack = this.options.exhaustive;
        }
      }
      this.lastCreated = slot;
      if (wantsStack) {
        this.stacksEligible++;
        if (this.options.exhaustive || this.stackTokens >= 1 || this.refillStacks(now)) {
          this.stackTokens--;
          this.stacksTaken++;
          store.stack[slot] = captureStack(this.onInit, this.options.stackDepth);
        }
      }
    } catch {
      // Never throw into the host.
    }
  };

  /**
   * Credits the hooks-on time since the last refill at `stacksPerSecond`. Called lazily, when the bucket
   * is empty (with the clock the hook read anyway) and when hooks go off; true if a stack may be taken.
   */
  private refillStacks(now: number): boolean {
    const elapsedMs = now - this.stackRefilledAt;
    if (elapsedMs > 0) {
      const rate = this.options.stacksPerSecond;
      this.stackTokens = Math.min(rate, this.stackTokens + (elapsedMs * rate) / 1000);
      this.stackRefilledAt = now;
    }
    return this.stackTokens >= 1;
  }

  private readonly onSettled = (promise: Promise<unknown>): void => {
    try {
      const slot = this.mark.get(promise);
      if (slot === undefined) return;
      if (slot === OVERFLOW) {
        this.mark.set(promise, undefined);
        this.overflowPending--;
        this.settled++;
        return;
      }
      const held = this.holders[slot];
      if (held !== promise && (!(held instanceof WeakRef) || held.deref() !== promise)) return;
      this.settled++;
      this.holders[slot] = undefined;
      this.store.release(slot);
    } catch {
      // Never throw into the host.
    }
  };

  private readonly onBefore = (promise: Promise<unknown>): void => {
    this.openLen = 0;
    this.run++;
    this.current = NO_SLOT;
    const slot = this.mark.get(promise);
    if (typeof slot !== 'number' || slot < 0 || !this.store.isPending(slot)) return;
    // An await's throwaway resumes its awaiting function; a `.then` reaction resolves the link itself.
    const running = this.store.flags[slot]! & SlotFlag.AwaitLink ? this.store.outerOf(slot) : slot;
    if (running === NO_SLOT) return;
    this.current = running;
    this.open[0] = running;
    this.openLen = 1;
  };

  private readonly onAfter = (): void => {
    // A callback or resumed function that returns a promise it just created is resolved with it.
    const { store, current } = this;
    if (current !== NO_SLOT && this.openLen > 1 && store.isPending(current)) {
      const returned = this.open[this.openLen - 1]!;
      if (returned !== current && store.isPending(returned) && store.outerOf(returned) === NO_SLOT) {
        store.setOuter(returned, current);
      }
    }
    this.openLen = 0;
    this.current = NO_SLOT;
    this.run++;
  };

  /**
   * An async function suspends at its first `await` in a run, so a second link to the same awaiter in
   * one run means the previous one was a `.then`/`.catch` it did not wait on: that link is undone.
   * Combinator results are exempt (they wait on every input).
   */
  private linkToAwaiter(slot: number, awaiter: number): void {
    const { store } = this;
    const previous = store.lastLink[awaiter]!;
    if (
      store.lastLinkRun[awaiter] === this.run &&
      !(store.flags[awaiter]! & SlotFlag.Combinator) &&
      store.outerOf(previous) === awaiter
    ) {
      store.outer[previous] = NO_SLOT;
      store.flags[previous]! &= ~SlotFlag.AwaitLink;
    }
    if (awaiter === this.lastCreated && store.sharers[awaiter] === 0)
      store.flags[awaiter]! |= SlotFlag.Combinator;
    // A function that awaits is suspended: it takes no further links in this run (a combinator takes one per input).
    if (!(store.flags[awaiter]! & SlotFlag.Combinator)) this.removeOpen(awaiter);
    store.setOuter(slot, awaiter);
    store.flags[slot]! |= SlotFlag.AwaitLink;
    store.lastLink[awaiter] = slot;
    store.lastLinkRun[awaiter] = this.run;
  }

  private removeOpen(slot: number): void {
    for (let i = this.openLen - 1; i >= 0; i--) {
      if (this.open[i] !== slot) continue;
      this.open.copyWithin(i, i + 1, this.openLen);
      this.openLen--;
      return;
    }
  }

  private dropOldestOpen(): void {
    const half = OPEN_MAX >> 1;
    this.open.copyWithin(0, half, OPEN_MAX);
    this.openLen = OPEN_MAX - half;
  }
}
