/**
 * Which promises wait on an undici request, and whether it is still queued. undici creates no async
 * resource while a request waits in a Pool's queue, so resource attribution sees nothing there; the
 * dispatcher registry's `dispatch` patch does: a request handed to a Pool that does not pass it on to a
 * Client at once is queued, until the Pool drains it into a Client's `dispatch`.
 *
 * The promise that waits on it directly is the root whose executor runs the first `dispatch` (fetch's and
 * `request`'s `new Promise`). `fetch` also returns a promise of its own that its internal chain resolves
 * by callback: it is among the roots opened in the same synchronous run and not yet awaited, which are
 * given the request too, weakly (used only when nothing else is known of them).
 */
import { SlotLinks } from './slot-links';
import { NO_SLOT, type SlotStore } from './slot-store';

/** One request as the agent follows it through undici's dispatchers. */
export interface UndiciRequest {
  /** `host:port` of the origin. */
  origin: string;
  /** In a Pool's queue (no connection free), not yet dispatched to a Client. */
  queued: boolean;
}

/** A link's request: `direct` when its executor dispatched it, else a root open at that moment. */
export interface UndiciLink {
  request: UndiciRequest;
  direct: boolean;
}

type DispatcherKind = 'pool' | 'client' | 'other';

const MAX_LINKS = 8192;
const kindByPrototype = new WeakMap<object, DispatcherKind>();

export class UndiciWaits {
  private readonly links: SlotLinks<UndiciLink>;
  private readonly byHandler = new WeakMap<object, UndiciRequest>();

  constructor(
    store: SlotStore,
    /** The open roots of the current synchronous run and the one whose executor runs (see `PromiseTracker.openRoots`). */
    private readonly openRoots: () => { roots: Int32Array; executing: number },
  ) {
    this.links = new SlotLinks(store, MAX_LINKS);
  }

  /** A `dispatch(options, handler)` on an undici Agent, Pool or Client (from `observeDispatches`). */
  readonly onDispatch = (dispatcher: object, options: unknown, handler: unknown): void => {
    if (typeof handler !== 'object' || handler === null) return;
    let request = this.byHandler.get(handler);
    if (!request) {
      request = this.attach(options);
      if (!request) return;
      // Later levels (Agent → Pool → Client) and a Pool's drain see the same handler.
      this.byHandler.set(handler, request);
    }
    const kind = kindOf(dispatcher);
    if (kind === 'pool') request.queued = true;
    else if (kind === 'client') request.queued = false;
  };

  /** The undici request the link in `slot` waits on, if any. */
  linkOf(slot: number): UndiciLink | undefined {
    return this.links.get(slot);
  }

  /** Forgets the requests of links no longer pending (at each snapshot). */
  prune(): void {
    this.links.prune();
  }

  /** A new request for the root whose executor dispatches it (undefined when none is): given to the open roots too. */
  private attach(options: unknown): UndiciRequest | undefined {
    const { roots, executing } = this.openRoots();
    if (executing === NO_SLOT) return undefined;
    // undici 7 wraps a new-style handler at each level: the same root's request, not a new one.
    const known = this.linkOf(executing);
    if (known?.direct) return known.request;
    if (!this.links.hasRoom(roots.length)) return undefined;
    const request: UndiciRequest = { origin: originOf(options), queued: false };
    for (const slot of roots) {
      const direct = slot === executing;
      if (direct || !this.linkOf(slot)) this.links.set(slot, { request, direct });
    }
    return request;
  }
}

/** `host:port` (or whatever the origin says) of a dispatch's options. */
function originOf(options: unknown): string {
  const origin = (options as { origin?: unknown } | null)?.origin;
  if (typeof origin === 'string') return origin.replace(/^[a-z]+:\/\//, '').replace(/\/$/, '');
  if (origin instanceof URL) return origin.host;
  return '?';
}

/** A Pool (any `PoolBase`: Pool, BalancedPool, an Agent's per-origin pools) or a Client, by class chain. */
function kindOf(dispatcher: object): DispatcherKind {
  const prototype = Object.getPrototypeOf(dispatcher) as object | null;
  if (!prototype) return 'other';
  let kind = kindByPrototype.get(prototype);
  if (kind) return kind;
  kind = 'other';
  for (
    let o: object | null = prototype;
    o && kind === 'other';
    o = Object.getPrototypeOf(o) as object | null
  ) {
    const name = (o as { constructor?: { name?: string } }).constructor?.name;
    if (name === 'PoolBase') kind = 'pool';
    else if (name === 'Client') kind = 'client';
  }
  kindByPrototype.set(prototype, kind);
  return kind;
}
