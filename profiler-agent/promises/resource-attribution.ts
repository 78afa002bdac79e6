/**
 * What a root link (a `new Promise`, a promisified call) waits on: the async resources created by its
 * executor. An `async_hooks` init hook, on only during sampling windows, attributes every resource
 * created right after a root promise in the same execution context — or triggered by a resource
 * already attributed (a connect after a lookup) — to that promise's slot. A stream read by events
 * (`req.on('data')`, `req.pipe(…)`) creates no resource of its own: the tick that starts its flow
 * (`resume_`) names the stream, so a promise whose executor starts reading one waits on it.
 */
import type { AsyncHook } from 'node:async_hooks';
import type { Builtins } from '../builtins';
import { NO_SLOT, type SlotStore } from './slot-store';
import { STREAM_READ } from './wait-reason';

/** Resource types whose object tells the state later (a socket handle, a timer). */
const STATEFUL = new Set(['TCPWRAP', 'TLSWRAP', 'PIPEWRAP', 'Timeout', 'QueuedRequest']);
const MAX_ATTRIBUTED = 8192;
const TRANSIENT = new Set(['PROMISE', 'TickObject', 'Microtask']);

export class ResourceAttribution {
  /** The root promise most recently created and the execution context it was created in. */
  rootSlot = NO_SLOT;
  rootExecutionId = -1;
  private readonly attributed = new Map<number, number>();
  private hook: AsyncHook | undefined;

  constructor(
    private readonly builtins: Builtins,
    private readonly store: SlotStore,
  ) {}

  /** The current execution context id, to remember with a root promise. */
  executionId(): number {
    return this.builtins.async_hooks.executionAsyncId();
  }

  enable(): void {
    if (!this.hook) {
      this.hook = this.builtins.async_hooks.createHook({
        init: (asyncId, type, triggerId, resource) => this.onResource(asyncId, type, triggerId, resource),
      });
    }
    this.hook.enable();
  }

  disable(): void {
    this.hook?.disable();
    this.attributed.clear();
    this.rootSlot = NO_SLOT;
  }

  /** A `process.nextTick(resume_, stream)` from a root's executor: the root waits on that stream. */
  private onTick(triggerId: number, tick: object): void {
    const slot = this.rootSlot;
    if (triggerId !== this.rootExecutionId || slot === NO_SLOT || !this.store.isPending(slot)) return;
    const { callback, args } = tick as { callback?: { name?: string }; args?: unknown[] };
    const stream = args?.[0];
    if (callback?.name !== 'resume_' || typeof stream !== 'object' || stream === null) return;
    this.store.resourceType[slot] = STREAM_READ;
    this.store.resource[slot] = stream;
  }

  private onResource(asyncId: number, type: string, triggerId: number, resource: object): void {
    try {
      if (type === 'TickObject') this.onTick(triggerId, resource);
      // Callbacks queued for the current turn are not waits: a promise still pending later did not wait on them.
      if (TRANSIENT.has(type)) return;
      let slot = NO_SLOT;
      if (triggerId === this.rootExecutionId && this.rootSlot !== NO_SLOT) slot = this.rootSlot;
      else slot = this.attributed.get(triggerId) ?? NO_SLOT;
      if (slot === NO_SLOT || !this.store.isPending(slot)) return;
      if (this.attributed.size >= MAX_ATTRIBUTED) this.attributed.clear();
      this.attributed.set(asyncId, slot);
      this.store.resourceType[slot] = type;
      if (STATEFUL.has(type) && (this.store.resource[slot] === undefined || type !== 'Timeout')) {
        this.store.resource[slot] = resource;
      }
    } catch {
      // Never throw into the host.
    }
  }
}
