/**
 * Subscribing to a `diagnostics_channel` channel in a way that can be undone, on every supported Node.
 * `dc.subscribe(name, fn)` (Node ≥ 18.7) keeps the channel alive by name; older Nodes only have
 * `channel(name).subscribe`, where we hold the channel object ourselves so it is not collected.
 */
import type { Builtins } from './builtins';

type Listener = (message: unknown, name: string | symbol) => void;

/** Subscribes `listener` to channel `name`; returns the unsubscribe. Listener errors are reported, never thrown. */
export function subscribeChannel(
  dc: Builtins['diagnostics_channel'],
  name: string,
  listener: Listener,
  onError: (error: unknown) => void,
): () => void {
  const safe: Listener = (message, channelName) => {
    try {
      listener(message, channelName);
    } catch (error) {
      onError(error);
    }
  };
  if (typeof dc.subscribe === 'function' && typeof dc.unsubscribe === 'function') {
    dc.subscribe(name, safe);
    return () => void dc.unsubscribe(name, safe);
  }
  const channel = dc.channel(name);
  channel.subscribe(safe);
  return () => void channel.unsubscribe(safe);
}
