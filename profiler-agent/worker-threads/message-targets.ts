/**
 * Where the target's code sends messages: `postMessage` on a `Worker`, a `MessagePort` or a
 * `BroadcastChannel`, and every `Worker` it makes (the `worker_threads` diagnostics channel, Node ≥ 18.8).
 * Posting creates no async resource, so nothing else tells a promise waiting on the reply from one nobody
 * will resolve. Nothing runs for a service without worker threads: the methods are patched when the
 * target had loaded `worker_threads` before the agent came, or else when it makes its first `Worker`.
 */
import type { Builtins } from '../builtins';
import { subscribeChannel } from '../channel-subscription';
import { patchMethod, type MethodPatch } from '../method-patch';

/** What a message went to: a worker thread, a bare `MessagePort`, a `BroadcastChannel`. */
export type MessageTargetKind = 'worker' | 'port' | 'channel';

/** Called before each `postMessage`, and when a `Worker` is made (`kind` 'worker'). Runs in the target's code. */
export type MessageTargetObserver = (kind: MessageTargetKind, target: object) => void;

type Constructor = { prototype: object } | undefined;

/** Starts observing; returns the function that removes every patch and the subscription. */
export function observeMessageTargets(
  builtins: Builtins,
  observe: MessageTargetObserver,
  onError: (error: unknown) => void,
): () => void {
  const patches: MethodPatch[] = [];
  let workerPatched = false;
  let portsPatched = false;

  const patchPost = (proto: object | undefined, kind: MessageTargetKind): void => {
    if (proto && typeof (proto as { postMessage?: unknown }).postMessage === 'function')
      patches.push(patchMethod(proto, 'postMessage', (self) => observe(kind, self as object), onError));
  };
  const patchAll = (workerProto: object | undefined): void => {
    if (!workerPatched && workerProto) {
      workerPatched = true;
      patchPost(workerProto, 'worker');
    }
    if (portsPatched) return;
    portsPatched = true;
    // Globals (Node ≥ 15 and 18), the same classes `worker_threads` exports.
    const globals = globalThis as { MessagePort?: Constructor; BroadcastChannel?: Constructor };
    patchPost((builtins.worker_threads?.MessagePort ?? globals.MessagePort)?.prototype, 'port');
    patchPost((builtins.worker_threads?.BroadcastChannel ?? globals.BroadcastChannel)?.prototype, 'channel');
  };

  if (builtins.worker_threads) patchAll(builtins.worker_threads.Worker.prototype);
  const unsubscribe = subscribeChannel(
    builtins.diagnostics_channel,
    'worker_threads',
    (message) => {
      const worker = (message as { worker?: unknown } | null)?.worker;
      if (typeof worker !== 'object' || worker === null) return;
      if (!workerPatched) patchAll(workerClassPrototype(worker));
      // Published at the end of the constructor: a promise whose executor made it waits on its reply.
      observe('worker', worker);
    },
    onError,
  );
  return () => {
    unsubscribe();
    for (const patch of patches.splice(0)) patch.restore();
  };
}

/** `Worker.prototype` from an instance (of `Worker` or a subclass): the outermost prototype with its own `postMessage`. */
function workerClassPrototype(worker: object): object | undefined {
  let found: object | undefined;
  for (
    let proto = Object.getPrototypeOf(worker) as object | null;
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto) as object | null
  ) {
    if (Object.prototype.hasOwnProperty.call(proto, 'postMessage')) found = proto;
  }
  return found;
}
