/**
 * Finds the undici dispatchers a target uses. undici publishes no channel that names the dispatcher,
 * so once one object of an undici copy is in hand (the global dispatcher, or a socket's client from a
 * channel), the copy's `DispatcherBase.prototype.dispatch` is wrapped: every `dispatch` on any Agent,
 * Pool or Client of that copy then shows its `this`, recorded once (weakly) with the stack of that
 * first dispatch. Node's bundled undici and an npm copy are separate copies, each patched when seen.
 * Every dispatch is also passed to the observers of `dispatch-observers`.
 */
import type { CollectorContext } from '../collector';
import { notifyDispatch } from './dispatch-observers';
import type { MethodPatch } from '../method-patch';
import { patchMethod } from '../method-patch';
import { captureStack, type CapturedStack } from '../stack-frames';

/** A dispatcher the registry has seen dispatching (or found as the global dispatcher). */
export interface SeenDispatcher {
  /** `undici.Agent#1`, with ` (global)` for the dispatcher behind `fetch`. */
  id: string;
  ref: WeakRef<object>;
  /** Where it first dispatched, when seen through the patch. */
  firstUse: CapturedStack | null;
}

const STACK_DEPTH = 24;

/** The prototype that owns `dispatch` for every dispatcher class of `dispatcher`'s undici copy, if any. */
function dispatcherBaseOf(dispatcher: object): object | null {
  let lastWithDispatch: object | null = null;
  for (
    let o = Object.getPrototypeOf(dispatcher) as object | null;
    o;
    o = Object.getPrototypeOf(o) as object | null
  ) {
    const name = (o as { constructor?: { name?: string } }).constructor?.name;
    const owns = Object.prototype.hasOwnProperty.call(o, 'dispatch');
    if (name === 'DispatcherBase' && owns) return o;
    // Dispatcher.prototype.dispatch only throws "not implemented": its subclass's is the real one.
    if (name === 'Dispatcher') return lastWithDispatch;
    if (owns) lastWithDispatch = o;
  }
  return null;
}

export class DispatcherRegistry {
  private readonly patches: MethodPatch[] = [];
  private readonly patchedBases = new WeakSet<object>();
  private readonly known = new WeakMap<object, SeenDispatcher>();
  private seen: SeenDispatcher[] = [];
  private counter = 0;

  constructor(
    private readonly context: CollectorContext,
    private readonly maxDispatchers: number,
  ) {}

  /** Wraps `dispatch` of the undici copy `dispatcher` comes from, once per copy. */
  adoptCopyOf(dispatcher: object): void {
    const base = dispatcherBaseOf(dispatcher);
    if (!base || this.patchedBases.has(base)) return;
    this.patchedBases.add(base);
    const observe = (self: unknown, args: unknown[]): void => {
      if (typeof self !== 'object' || self === null || this.context.isAgentWork?.()) return;
      notifyDispatch(self, args[0], args[1]);
      if (this.known.has(self)) return;
      this.register(self, captureStack(observe, STACK_DEPTH), false);
    };
    this.patches.push(patchMethod(base, 'dispatch', observe, () => this.context.drop('undici.observeError')));
  }

  /** Records `dispatcher` (once); `global` marks the dispatcher behind `fetch`. */
  register(dispatcher: object, firstUse: CapturedStack | null, global: boolean): void {
    if (this.known.has(dispatcher)) return;
    if (this.seen.length >= this.maxDispatchers) {
      this.context.drop('undici.dispatcherCap');
      return;
    }
    const name = (dispatcher as { constructor?: { name?: string } }).constructor?.name || 'Dispatcher';
    const id = `undici.${name}#${++this.counter}${global ? ' (global)' : ''}`;
    const seen: SeenDispatcher = { id, ref: new WeakRef(dispatcher), firstUse };
    this.known.set(dispatcher, seen);
    this.seen.push(seen);
  }

  /** What the registry recorded of `dispatcher`, if it did. */
  seenOf(dispatcher: object): SeenDispatcher | undefined {
    return this.known.get(dispatcher);
  }

  /** Dispatchers still alive and open, in the order first seen; forgets the others. */
  live(): { dispatcher: object; seen: SeenDispatcher }[] {
    const out: { dispatcher: object; seen: SeenDispatcher }[] = [];
    this.seen = this.seen.filter((seen) => {
      const dispatcher = seen.ref.deref() as { destroyed?: boolean; closed?: boolean } | undefined;
      if (!dispatcher || dispatcher.destroyed === true || dispatcher.closed === true) return false;
      out.push({ dispatcher, seen });
      return true;
    });
    return out;
  }

  /** Removes every patch; forgets every dispatcher. */
  stop(): void {
    for (const patch of this.patches) patch.restore();
    this.patches.length = 0;
    this.seen = [];
  }
}
