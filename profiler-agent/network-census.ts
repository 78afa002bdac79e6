/**
 * One pass over the process's network sockets per collection, shared by the sockets and pools collectors.
 * Sockets come from live handles (`process._getActiveHandles()`, which lists referenced handles only) and
 * from every known pool (idle keep-alive sockets are unreferenced, and destroyed ones have no handle).
 */
import type { HttpAgentRegistry } from './http-agent-registry';
import type { AddressedSocket } from './socket-address';

/**
 * The parts of a `net.Socket` / `tls.TLSSocket` the agent reads. Addresses come through
 * `socket-address.ts`: the `remoteAddress`/`localPort` getters would cache them on the socket.
 */
export interface SocketLike extends AddressedSocket {
  connecting?: boolean;
  destroyed?: boolean;
  encrypted?: boolean;
  server?: unknown;
  _server?: unknown;
  _tlsOptions?: { isServer?: boolean };
  _host?: string | null;
  _httpMessage?: { agent?: unknown } | null;
  isTTY?: boolean;
  _handle?: { constructor?: { name?: string } } | null;
  bytesRead?: number;
  bytesWritten?: number;
}

export interface Census {
  /** Every network socket found, each once. */
  sockets: SocketLike[];
  /** Sockets parked in a pool's free list. */
  idle: Set<SocketLike>;
  /** `host:port` of the pool origin each pooled socket belongs to. */
  poolOrigin: Map<SocketLike, string>;
}

type ActiveHandlesFn = () => unknown[];

export class NetworkCensus {
  private last: { now: number; census: Census } | undefined;

  constructor(
    private readonly registry: HttpAgentRegistry,
    private readonly socketClass: abstract new (...args: never[]) => object,
    private readonly drop: (reason: string) => void,
  ) {}

  /** The census for the collection at `now` (ms); computed once per collection. */
  take(now: number): Census {
    if (this.last?.now === now) return this.last.census;
    const census: Census = { sockets: [], idle: new Set(), poolOrigin: new Map() };
    const seen = new Set<SocketLike>();
    const add = (socket: SocketLike): void => {
      if (seen.has(socket)) return;
      seen.add(socket);
      census.sockets.push(socket);
    };
    for (const socket of this.liveSockets()) {
      // Pools created before attach and not called since are found through their requests in flight.
      this.registry.add(socket._httpMessage?.agent);
      add(socket);
    }
    for (const agent of this.registry.live()) {
      for (const [lists, idle] of [
        [agent.sockets, false],
        [agent.freeSockets, true],
      ] as const) {
        for (const key of Object.keys(lists)) {
          const origin = originOfPoolKey(key);
          for (const socket of (lists[key] ?? []) as SocketLike[]) {
            census.poolOrigin.set(socket, origin);
            if (idle) census.idle.add(socket);
            add(socket);
          }
        }
      }
    }
    this.last = { now, census };
    return census;
  }

  /** Forgets the last census so no socket stays referenced after detach. */
  clear(): void {
    this.last = undefined;
  }

  private liveSockets(): SocketLike[] {
    const getHandles = (process as unknown as { _getActiveHandles?: ActiveHandlesFn })._getActiveHandles;
    if (typeof getHandles !== 'function') {
      this.drop('activeHandlesUnavailable');
      return [];
    }
    const out: SocketLike[] = [];
    for (const handle of getHandles.call(process)) {
      if (!(handle instanceof this.socketClass)) continue;
      const socket = handle as SocketLike;
      // Terminals and pipes (stdio, IPC, Unix sockets) are not network peers.
      if (socket.isTTY || socket._handle?.constructor?.name === 'Pipe') continue;
      out.push(socket);
    }
    return out;
  }
}

/**
 * `host:port` from an `http.Agent` pool key (`host:port:localAddress[:family]`, https adds TLS options).
 * IPv6 literals are ambiguous in these keys; they come out as their first two segments.
 */
export function originOfPoolKey(key: string): string {
  const parts = key.split(':');
  return `${parts[0] ?? ''}:${parts[1] ?? ''}`;
}
