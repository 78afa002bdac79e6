/**
 * Who else wants to see undici dispatches: the dispatcher registry's `dispatch` patch passes every call
 * (the dispatcher, its options and handler) to the observers added here, so another collector (the
 * promise collector, to tell which promise waits on a queued request) needs no patch of its own.
 */

/** Called before each `dispatch` of an undici Agent, Pool or Client (once per level: Agent → Pool → Client). */
export type DispatchObserver = (dispatcher: object, options: unknown, handler: unknown) => void;

const observers = new Set<DispatchObserver>();

/** Adds `observer`; returns the function that removes it. */
export function observeDispatches(observer: DispatchObserver): () => void {
  observers.add(observer);
  return () => observers.delete(observer);
}

/** Passes one dispatch to every observer (the caller guards against their errors). */
export function notifyDispatch(dispatcher: object, options: unknown, handler: unknown): void {
  for (const observer of observers) observer(dispatcher, options, handler);
}
