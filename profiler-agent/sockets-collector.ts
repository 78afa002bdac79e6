/**
 * Sockets by state (connecting, open, idle in a pool, destroyed but still referenced) and by peer,
 * side and TLS. Peers beyond `maxPeers` are only counted (in the totals and `dropped.peers`).
 */
import type { PeerSockets, SocketStates } from '../core/agent-protocol';
import type { Collector, CollectorContext } from './collector';
import type { Census, NetworkCensus, SocketLike } from './network-census';
import { localAddress, peerAddress } from './socket-address';

export interface SocketsSection {
  sockets: SocketStates & { total: number };
  peers: PeerSockets[];
}

/** One socket as the `sockets.list` method describes it. */
export interface SocketDetail {
  peer: string;
  side: 'client' | 'server';
  tls: boolean;
  state: keyof SocketStates;
  localPort: number | null;
  remoteAddress: string | null;
  remotePort: number | null;
  /** Bytes read from / written to the socket since it opened. */
  bytesRead: number;
  bytesWritten: number;
}

const DEFAULT_MAX_PEERS = 50;
const MAX_LISTED = 500;

export function createSocketsCollector(census: NetworkCensus): Collector<SocketsSection> {
  let maxPeers = DEFAULT_MAX_PEERS;
  let context: CollectorContext | undefined;
  let describe: (socket: SocketLike, census: Census) => SocketDetail = () => {
    throw new Error('sockets collector not started');
  };
  /**
   * One socket's detail, or undefined (counted in `dropped['sockets.unreadable']`) when reading it throws:
   * a collection runs as an interrupt, possibly in the middle of Node's own write to that socket, where a
   * getter such as `bytesWritten` can meet a half-updated state. One socket must not cost the section.
   */
  const describeOrDrop = (socket: SocketLike, taken: Census): SocketDetail | undefined => {
    try {
      return describe(socket, taken);
    } catch {
      context?.drop('sockets.unreadable');
      return undefined;
    }
  };
  return {
    name: 'sockets',
    start(ctx) {
      context = ctx;
      describe = describer(ctx.builtins.tls.Server);
      maxPeers = ctx.options.maxPeers ?? DEFAULT_MAX_PEERS;
    },
    collect(now) {
      const taken = census.take(now);
      const totals = { connecting: 0, open: 0, idle: 0, destroyedReferenced: 0, total: 0 };
      const peers = new Map<string, PeerSockets>();
      for (const socket of taken.sockets) {
        const detail = describeOrDrop(socket, taken);
        if (!detail) continue;
        totals[detail.state]++;
        totals.total++;
        const key = `${detail.side}|${detail.tls}|${detail.peer}`;
        let peer = peers.get(key);
        if (!peer) {
          peer = { peer: detail.peer, side: detail.side, tls: detail.tls, ...emptyStates() };
          peers.set(key, peer);
        }
        peer[detail.state]++;
      }
      const busiest = [...peers.values()].sort((a, b) => peerTotal(b) - peerTotal(a));
      if (busiest.length > maxPeers) context?.drop('peers', busiest.length - maxPeers);
      return { sockets: totals, peers: busiest.slice(0, maxPeers) };
    },
    methods: {
      /** Lists sockets (at most 500), optionally of one peer: `{ peer?: string }`. */
      list(arg: unknown): SocketDetail[] {
        const wanted = (arg as { peer?: unknown } | null)?.peer;
        const taken = census.take(Date.now());
        const out: SocketDetail[] = [];
        for (const socket of taken.sockets) {
          const detail = describeOrDrop(socket, taken);
          if (!detail || (typeof wanted === 'string' && detail.peer !== wanted)) continue;
          if (out.length >= MAX_LISTED) break;
          out.push(detail);
        }
        return out;
      },
    },
    stop() {
      context = undefined;
    },
  };
}

/**
 * Describes sockets. A TLS server's connections show up as their raw TCP sockets (the TLSSocket wrapping
 * one holds no handle of its own): those are TLS because their server is a `tls.Server`.
 */
function describer(tlsServer: abstract new (...args: never[]) => object) {
  return (socket: SocketLike, census: Census): SocketDetail => {
    const server = socket.server ?? socket._server;
    const side = server || socket._tlsOptions?.isServer ? 'server' : 'client';
    const remote = peerAddress(socket);
    return {
      // Server side groups by the client's host: its ephemeral ports would make every socket a peer.
      peer:
        side === 'server'
          ? (remote?.address ?? '?')
          : (census.poolOrigin.get(socket) ??
            `${socket._host ?? remote?.address ?? '?'}:${remote?.port ?? '?'}`),
      side,
      tls: socket.encrypted === true || server instanceof tlsServer,
      state: stateOf(socket, census),
      localPort: localAddress(socket)?.port ?? null,
      remoteAddress: remote?.address ?? null,
      remotePort: remote?.port ?? null,
      bytesRead: socket.bytesRead ?? 0,
      bytesWritten: socket.bytesWritten ?? 0,
    };
  };
}

function stateOf(socket: SocketLike, census: Census): keyof SocketStates {
  if (socket.destroyed) return 'destroyedReferenced';
  if (socket.connecting) return 'connecting';
  if (census.idle.has(socket)) return 'idle';
  return 'open';
}

function emptyStates(): SocketStates {
  return { connecting: 0, open: 0, idle: 0, destroyedReferenced: 0 };
}

function peerTotal(peer: SocketStates): number {
  return peer.connecting + peer.open + peer.idle + peer.destroyedReferenced;
}
