/**
 * Per origin of every known `http.Agent`: sockets in use, idle, requests queued for a socket, the limit,
 * keep-alive, (for agents built after attach) where the agent was created, where the latest request that
 * opened a socket came from, and sockets held by responses never read, with where such a request was made. Busiest first; origins
 * beyond `maxPools` are only counted (`dropped.pools`).
 */
import type { PoolOrigin } from '../core/agent-protocol';
import type { Collector, CollectorContext } from './collector';
import type { HttpAgentInternals, HttpAgentRegistry } from './http-agent-registry';
import { originOfPoolKey, type NetworkCensus } from './network-census';

const DEFAULT_MAX_POOLS = 100;

export function createPoolsCollector(
  registry: HttpAgentRegistry,
  census: NetworkCensus,
): Collector<PoolOrigin[]> {
  let context: CollectorContext | undefined;
  let maxPools = DEFAULT_MAX_POOLS;
  return {
    name: 'pools',
    start(ctx) {
      context = ctx;
      maxPools = ctx.options.maxPools ?? DEFAULT_MAX_POOLS;
    },
    collect(now) {
      // The census registers agents reachable only from sockets in flight: take it first.
      census.take(now);
      const pools: PoolOrigin[] = [];
      registry.unread.beginCollection();
      for (const agent of registry.live()) pools.push(...describeAgent(agent, registry));
      registry.collected();
      pools.sort((a, b) => b.queued - a.queued || b.inUse - a.inUse || b.idle - a.idle);
      if (pools.length > maxPools) context?.drop('pools', pools.length - maxPools);
      return pools.slice(0, maxPools);
    },
    stop() {
      context = undefined;
    },
  };
}

function describeAgent(agent: HttpAgentInternals, registry: HttpAgentRegistry): PoolOrigin[] {
  const keys = new Set([
    ...Object.keys(agent.sockets),
    ...Object.keys(agent.freeSockets),
    ...Object.keys(agent.requests),
  ]);
  if (keys.size === 0) return [];
  const kind = agent.protocol === 'https:' ? 'https' : 'http';
  const poolId = `${kind}.Agent#${registry.idOf(agent)}`;
  const createdAt = registry.createdAt(agent);
  const state = registry.unreadState(agent);
  const out: PoolOrigin[] = [];
  for (const key of keys) {
    const origin: PoolOrigin = {
      poolId,
      kind,
      origin: originOfPoolKey(key),
      inUse: agent.sockets[key]?.length ?? 0,
      idle: agent.freeSockets[key]?.length ?? 0,
      queued: agent.requests[key]?.length ?? 0,
      maxSockets: Number.isFinite(agent.maxSockets) ? agent.maxSockets : null,
      keepAlive: agent.keepAlive === true,
    };
    if (createdAt) origin.createdAt = createdAt;
    const queuedFrom = origin.queued > 0 ? registry.queuedFrom(agent, key) : undefined;
    if (queuedFrom) origin.queuedFrom = queuedFrom;
    const openedFrom = registry.openedFrom(agent, key);
    if (openedFrom) origin.openedFrom = openedFrom;
    const unread = state ? registry.unread.scan(state, key, agent.sockets[key]) : 0;
    if (unread > 0) origin.unreadResponses = unread;
    const heldBy = state ? registry.unread.heldBy(state, key) : undefined;
    if (heldBy) origin.heldBy = heldBy;
    out.push(origin);
  }
  return out;
}
