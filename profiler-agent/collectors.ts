/**
 * Every collector the agent runs, built fresh for each install. Core collectors fill the fixed sections
 * of `AgentSnapshot`; optional ones (promises, TLS, undici, …) each fill `snapshot.extensions[name]`.
 */
import type {
  AgentSnapshot,
  EventLoopStats,
  HttpServerStats,
  MemoryStats,
  PoolOrigin,
} from '../core/agent-protocol';
import type { Builtins } from './builtins';
import type { Collector, CollectorContext } from './collector';
import { createEventLoopCollector } from './event-loop-collector';
import { createFdsCollector, type FdsSection } from './fds-collector';
import { createHeapProfileCollector } from './heap-profile/heap-profile-collector';
import { HttpAgentRegistry } from './http-agent-registry';
import { createHttpServerCollector } from './http-server-collector';
import { createMemoryCollector } from './memory-collector';
import { NetworkCensus } from './network-census';
import { createPoolsCollector } from './pools-collector';
import { createPromiseCollector } from './promises/promise-collector';
import { createResourcesCollector } from './resources-collector';
import { createSocketsCollector, type SocketsSection } from './sockets-collector';
import { createTlsCollector } from './tls/tls-collector';
import { createUndiciCollector } from './undici/undici-collector';

/**
 * Optional collectors: add ONE line per collector here (a factory, so each install gets fresh state).
 * Each one's section appears as `snapshot.extensions[collector.name]`.
 */
export const extensionCollectors: (() => Collector)[] = [
  createTlsCollector,
  createUndiciCollector,
  createPromiseCollector,
  createHeapProfileCollector,
];

/** The collectors behind the fixed sections of a snapshot. */
export interface CoreCollectors {
  resources: Collector<AgentSnapshot['resources']>;
  sockets: Collector<SocketsSection>;
  pools: Collector<PoolOrigin[]>;
  fds: Collector<FdsSection>;
  eventLoop: Collector<EventLoopStats>;
  memory: Collector<MemoryStats>;
  http: Collector<HttpServerStats>;
}

export interface CollectorSet {
  core: CoreCollectors;
  extensions: Collector[];
  /** Starts what the collectors share (the registry of `http.Agent`s); before any collector. */
  startShared(context: CollectorContext): void;
  /** Stops what the collectors share; after every collector. */
  stopShared(): void;
  /** Registers the `http.Agent`s among `candidates` (found on the heap at attach); returns how many were new. */
  adoptHttpAgents(candidates: unknown): number;
}

export function createCollectors(builtins: Builtins, drop: (reason: string) => void): CollectorSet {
  const registry = new HttpAgentRegistry();
  const census = new NetworkCensus(registry, builtins.net.Socket, drop);
  return {
    core: {
      resources: createResourcesCollector(),
      sockets: createSocketsCollector(census),
      pools: createPoolsCollector(registry, census),
      fds: createFdsCollector(),
      eventLoop: createEventLoopCollector(),
      memory: createMemoryCollector(),
      http: createHttpServerCollector(census),
    },
    extensions: extensionCollectors.map((create) => create()),
    startShared: (context) => registry.start(context),
    stopShared: () => {
      census.clear();
      registry.stop();
    },
    adoptHttpAgents: (candidates) => registry.adopt(candidates),
  };
}
