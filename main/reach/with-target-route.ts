/**
 * A route opened for one piece of work and closed after it: a look at a process's inspector, or closing
 * one, that must dial the target's own 127.0.0.1 (`target-route.ts`). Cheap for a process of a tree
 * whose namespace already has a relay: routes share one relay per namespace (`shared-relays.ts`).
 */
import type { TargetRoute } from './target-route';
import { openTargetRoute } from './target-route';

/**
 * Runs `use` with the route to process `pid` and closes the route once `use` settles. Rejects as
 * `openTargetRoute` does when no route can be opened (a `RelayStartError`).
 */
export async function withTargetRoute<T>(pid: number, use: (route: TargetRoute) => Promise<T>): Promise<T> {
  const route = await openTargetRoute(pid);
  try {
    return await use(route);
  } finally {
    await route.close();
  }
}
