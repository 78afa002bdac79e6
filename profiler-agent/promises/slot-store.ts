/**
 * Per-promise records as a struct of typed arrays: a promise carries only its slot number (a small
 * integer stored under a Symbol), so observing it allocates nothing on the JS heap. ~50 bytes a slot.
 * Links are slot numbers plus the serial of the slot's occupant, so a reused slot never fakes a link.
 */
export const NO_SLOT = -1;

export const enum SlotState {
  Free = 0,
  Pending = 1,
}

export const enum SlotFlag {
  /** A derived promise created while an awaiter was running: an `await` (or combinator) link. */
  AwaitLink = 1,
  /** Derived from a promise the agent does not track (created before the window). */
  UntrackedParent = 2,
  /** A root that got its first link right after its creation: a combinator result (`Promise.all`…). */
  Combinator = 4,
  /** Created while resource attribution was off: what it waits on is unknown. */
  Unattributed = 8,
}

export class SlotStore {
  readonly createdAt: Float64Array;
  readonly serial: Uint32Array;
  readonly state: Uint8Array;
  readonly flags: Uint8Array;
  /** The link that waits on this one (`.then` child, awaiting function, combinator result). */
  readonly outer: Int32Array;
  readonly outerSerial: Uint32Array;
  /** For derived links: the promise this one was derived from (what it waits on). */
  readonly inner: Int32Array;
  readonly innerSerial: Uint32Array;
  /** Interned site id of the creation stack; -1 when none (yet). */
  readonly site: Int32Array;
  /** How many derived promises were created from this one (saturates at 255). */
  readonly sharers: Uint8Array;
  /** The last link given to this slot as an awaiter, and the synchronous run it was given in. */
  readonly lastLink: Int32Array;
  readonly lastLinkRun: Uint32Array;
  /** Not-yet-formatted stacks (held until a snapshot), and the async resource behind a link. */
  readonly stack: (object | undefined)[];
  readonly resource: (object | undefined)[];
  readonly resourceType: (string | undefined)[];
  private readonly free: Int32Array;
  private freeTop = 0;
  private nextSerial = 1;
  /** Slots in use, for iteration bounds: every used slot is below this. */
  highWater = 0;
  used = 0;

  constructor(readonly capacity: number) {
    this.createdAt = new Float64Array(capacity);
    this.serial = new Uint32Array(capacity);
    this.state = new Uint8Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.outer = new Int32Array(capacity).fill(NO_SLOT);
    this.outerSerial = new Uint32Array(capacity);
    this.inner = new Int32Array(capacity).fill(NO_SLOT);
    this.innerSerial = new Uint32Array(capacity);
    this.site = new Int32Array(capacity).fill(-1);
    this.sharers = new Uint8Array(capacity);
    this.lastLink = new Int32Array(capacity);
    this.lastLinkRun = new Uint32Array(capacity);
    this.free = new Int32Array(capacity);
    this.stack = [];
    this.resource = [];
    this.resourceType = [];
  }

  /** Takes a free slot for a promise created at `now` (ms); NO_SLOT when full. */
  alloc(now: number): number {
    let slot: number;
    if (this.freeTop > 0) slot = this.free[--this.freeTop] as number;
    else if (this.highWater < this.capacity) slot = this.highWater++;
    else return NO_SLOT;
    this.used++;
    this.createdAt[slot] = now;
    this.serial[slot] = this.nextSerial++;
    this.state[slot] = SlotState.Pending;
    return slot;
  }

  release(slot: number): void {
    if (this.state[slot] === SlotState.Free) return;
    this.state[slot] = SlotState.Free;
    this.flags[slot] = 0;
    this.outer[slot] = NO_SLOT;
    this.inner[slot] = NO_SLOT;
    this.site[slot] = -1;
    this.sharers[slot] = 0;
    this.lastLinkRun[slot] = 0;
    if (this.stack[slot] !== undefined) this.stack[slot] = undefined;
    // A type is kept without its object for most resources: both go, or the slot's next promise inherits the type.
    if (this.resourceType[slot] !== undefined) {
      this.resource[slot] = undefined;
      this.resourceType[slot] = undefined;
    }
    this.free[this.freeTop++] = slot;
    this.used--;
  }

  isPending(slot: number): boolean {
    return slot >= 0 && this.state[slot] === SlotState.Pending;
  }

  /** The link `outer[slot]` if its occupant is still the one linked and pending, else NO_SLOT. */
  outerOf(slot: number): number {
    const o = this.outer[slot] as number;
    return o >= 0 && this.state[o] === SlotState.Pending && this.serial[o] === this.outerSerial[slot]
      ? o
      : NO_SLOT;
  }

  innerOf(slot: number): number {
    const i = this.inner[slot] as number;
    return i >= 0 && this.state[i] === SlotState.Pending && this.serial[i] === this.innerSerial[slot]
      ? i
      : NO_SLOT;
  }

  setOuter(slot: number, outer: number): void {
    this.outer[slot] = outer;
    this.outerSerial[slot] = this.serial[outer] as number;
  }

  setInner(slot: number, inner: number): void {
    this.inner[slot] = inner;
    this.innerSerial[slot] = this.serial[inner] as number;
  }
}
