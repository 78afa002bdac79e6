/**
 * An undici (fetch) pool for tests of pool summaries and charts, and the snapshot section that carries
 * it: what the agent's undici collector reports, without its raw per-origin figures.
 */
import type { AgentSnapshot, PoolOrigin } from '../../agent-protocol';
import { UNDICI_SECTION_KEY } from '../../network/undici-section';

/** fetch's pool to `prices.internal:80`, every connection (4) in use and 8 requests queued. */
export const STARVED_FETCH_POOL: PoolOrigin = {
  poolId: 'undici.Agent#1',
  kind: 'undici',
  origin: 'prices.internal:80',
  inUse: 4,
  idle: 0,
  queued: 8,
  maxSockets: 4,
  keepAlive: true,
};

/** Sets `snapshot`'s undici section to `pools` (one dispatcher, no raw stats, zero totals). */
export function setUndiciPools(snapshot: AgentSnapshot, pools: PoolOrigin[]): void {
  snapshot.extensions = {
    [UNDICI_SECTION_KEY]: {
      pools,
      stats: [],
      dispatchers: 1,
      totals: { requests: 0, connects: 0, connectErrors: {} },
    },
  };
}
