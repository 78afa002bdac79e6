/**
 * Every connection pool of a snapshot, http.Agent and undici alike: `snapshot.pools` holds the
 * `http.Agent`s, the undici section its dispatchers' pools (both as `PoolOrigin`s). Summaries of pools
 * (peak queued, the progress line, the charts) read both through here, so neither kind goes missing.
 */
import type { AgentSnapshot, PoolOrigin } from '../agent-protocol';
import { readUndiciSection } from './undici-section';

/** http.Agent pools then undici's, each pool × origin once (an agent may already fold undici's in). */
export function allPools(snapshot: AgentSnapshot): PoolOrigin[] {
  const undici = readUndiciSection(snapshot)?.pools ?? [];
  if (undici.length === 0) return snapshot.pools;
  const seen = new Set(snapshot.pools.map(poolKey));
  return [...snapshot.pools, ...undici.filter((pool) => !seen.has(poolKey(pool)))];
}

/** Requests waiting for a socket or connection in any pool of `snapshot` (count). */
export function queuedInAllPools(snapshot: AgentSnapshot): number {
  return allPools(snapshot).reduce((sum, pool) => sum + pool.queued, 0);
}

/** Identifies one pool × origin across snapshots (`<poolId> <origin>`). */
export function poolKey(pool: PoolOrigin): string {
  return `${pool.poolId} ${pool.origin}`;
}
