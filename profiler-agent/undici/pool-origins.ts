/**
 * Turns live undici dispatchers into per-origin figures: an Agent gives one entry per origin it holds
 * (its pools or clients), a Pool or a lone Client one entry. Dispatchers contained in another one seen
 * (an Agent's pools, a Pool's clients) are reported only through their container.
 */
import type { PoolOrigin } from '../../core/agent-protocol';
import type { Frame } from '../../core/frame';
import type { UndiciOriginStats } from '../../core/network/undici-section';
import { hiddenCount, hiddenField } from './hidden-fields';

/** One dispatcher to describe: its id and the frames of its first use. */
export interface DescribedDispatcher {
  dispatcher: object;
  id: string;
  frames: Frame[];
}

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

/** `host:port` of undici's `URL` (kept under `Symbol('url')`). */
function originOf(dispatcher: object): string | null {
  const url = hiddenField(dispatcher, 'url') as
    { hostname?: string; port?: string; protocol?: string } | undefined;
  if (!url || typeof url.hostname !== 'string') return null;
  return `${url.hostname}:${url.port || DEFAULT_PORTS[url.protocol ?? ''] || '?'}`;
}

/** An Agent's per-origin map values: a Pool/Client (undici 6), `{dispatcher}` (7) or a WeakRef (5). */
function unwrapEntry(value: unknown): object | null {
  if (typeof value !== 'object' || value === null) return null;
  const entry = value as { deref?: () => unknown; dispatcher?: unknown };
  if (typeof entry.deref === 'function') return (entry.deref() as object | undefined) ?? null;
  if (typeof entry.dispatcher === 'object' && entry.dispatcher !== null) return entry.dispatcher;
  return value;
}

/** The dispatchers directly inside `dispatcher`: an Agent's per-origin ones, a Pool's clients. */
export function childrenOf(dispatcher: object): object[] {
  const clients = hiddenField(dispatcher, 'clients');
  if (clients instanceof Map)
    return [...clients.values()].map(unwrapEntry).filter((d): d is object => d !== null);
  if (Array.isArray(clients)) return clients.filter((d): d is object => typeof d === 'object' && d !== null);
  return [];
}

/** undici's `PoolStats`/`ClientStats` figures, as reported per origin. */
type PoolStatsLike = Omit<UndiciOriginStats, 'poolId' | 'origin'>;

function statsOf(dispatcher: object): { stats: PoolStatsLike; maxSockets: number | null } | null {
  if (Array.isArray(hiddenField(dispatcher, 'clients'))) {
    const limit = hiddenField(dispatcher, 'connections');
    const stats = (dispatcher as { stats?: Partial<PoolStatsLike> }).stats;
    const read = (key: keyof PoolStatsLike): number =>
      typeof stats?.[key] === 'number' ? stats[key] : hiddenCount(dispatcher, key);
    return {
      stats: {
        connected: read('connected'),
        free: read('free'),
        pending: read('pending'),
        queued: read('queued'),
        running: read('running'),
        size: read('size'),
      },
      maxSockets: typeof limit === 'number' && limit > 0 ? limit : null,
    };
  }
  if (hiddenField(dispatcher, 'url') === undefined) return null;
  // A lone Client: one connection, its own queue.
  const connected = hiddenCount(dispatcher, 'connected') > 0 ? 1 : 0;
  const running = hiddenCount(dispatcher, 'running');
  const pending = hiddenCount(dispatcher, 'pending');
  const free = connected === 1 && running === 0 ? 1 : 0;
  return {
    stats: { connected, free, pending, queued: 0, running, size: hiddenCount(dispatcher, 'size') },
    maxSockets: 1,
  };
}

/** Where a dispatcher first dispatched, when the registry saw it (user code first); undefined otherwise. */
export type FirstUseOf = (dispatcher: object) => Frame[] | undefined;

/**
 * Where the newest connection of a Pool was opened: a Pool makes a Client per connection and dispatches
 * to it at once, so the newest Client's first dispatch is the request that found no free connection.
 */
function openedFromOf(pool: object, firstUseOf: FirstUseOf): Frame[] | undefined {
  const clients = hiddenField(pool, 'clients');
  if (!Array.isArray(clients)) return undefined;
  for (let i = clients.length - 1; i >= 0; i--) {
    const client: unknown = clients[i];
    const frames = typeof client === 'object' && client !== null ? firstUseOf(client) : undefined;
    if (frames && frames.length > 0) return frames;
  }
  return undefined;
}

function describeOne(
  dispatcher: object,
  poolId: string,
  frames: Frame[],
  firstUseOf: FirstUseOf,
): { pool: PoolOrigin; stats: UndiciOriginStats } | null {
  const origin = originOf(dispatcher);
  const read = origin === null ? null : statsOf(dispatcher);
  if (origin === null || read === null) return null;
  const { stats, maxSockets } = read;
  const openedFrom = openedFromOf(dispatcher, firstUseOf);
  return {
    pool: {
      poolId,
      kind: 'undici',
      origin,
      inUse: Math.max(0, stats.connected - stats.free),
      idle: stats.free,
      queued: stats.pending,
      maxSockets,
      keepAlive: true,
      ...(frames.length > 0 ? { createdAt: frames } : {}),
      ...(openedFrom ? { openedFrom } : {}),
    },
    stats: { poolId, origin, ...stats },
  };
}

/** Per-origin entries for `dispatchers`, skipping those contained in another listed one; at most `cap`. */
export function describePools(
  dispatchers: DescribedDispatcher[],
  cap: number,
  firstUseOf: FirstUseOf = () => undefined,
): { pools: PoolOrigin[]; stats: UndiciOriginStats[]; dropped: number } {
  const contained = new Set<object>();
  for (const { dispatcher } of dispatchers) for (const child of childrenOf(dispatcher)) contained.add(child);
  const pools: PoolOrigin[] = [];
  const stats: UndiciOriginStats[] = [];
  let dropped = 0;
  for (const { dispatcher, id, frames } of dispatchers) {
    if (contained.has(dispatcher)) continue;
    const members = hiddenField(dispatcher, 'clients') instanceof Map ? childrenOf(dispatcher) : [dispatcher];
    for (const member of members) {
      const described = describeOne(member, id, frames, firstUseOf);
      if (!described) continue;
      if (pools.length >= cap) {
        dropped++;
        continue;
      }
      pools.push(described.pool);
      stats.push(described.stats);
    }
  }
  return { pools, stats, dropped };
}
