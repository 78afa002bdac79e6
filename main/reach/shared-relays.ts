/**
 * One relay per network namespace, shared by every attachment into it (a cluster's primary and its
 * workers in one container need one relay, not one each), ended when the last one lets go.
 */
import type { NetnsRelay, RelayPlace } from './relay/start-netns-relay';
import { startNetnsRelay } from './relay/start-netns-relay';

interface Entry {
  relay: Promise<NetnsRelay>;
  users: number;
}

const byNamespace = new Map<string, Entry>();

/** A relay into `place`'s network namespace, started if none runs; call `release` once when done. */
export async function acquireRelay(
  place: RelayPlace,
): Promise<{ relay: NetnsRelay; release: () => Promise<void> }> {
  const key = place.netNamespace;
  let entry = byNamespace.get(key);
  if (!entry) {
    const started = startNetnsRelay(place);
    entry = { relay: started, users: 0 };
    byNamespace.set(key, entry);
    const forget = (): void => {
      if (byNamespace.get(key) === entry) byNamespace.delete(key);
    };
    // A relay that failed to start, or exited (killed, or its namespace gone), is not handed out again.
    started.then((relay) => relay.exited.then(forget), forget);
  }
  entry.users++;
  let relay: NetnsRelay;
  try {
    relay = await entry.relay;
  } catch (error) {
    entry.users--;
    throw error;
  }
  let released = false;
  const held = entry;
  return {
    relay,
    release: async () => {
      if (released) return;
      released = true;
      if (--held.users > 0) return;
      if (byNamespace.get(key) === held) byNamespace.delete(key);
      await relay.close();
    },
  };
}
