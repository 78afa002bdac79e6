/**
 * What an innermost link waits on, read at snapshot time from the resource its executor created
 * (its current state decides: a socket still connecting, a TLS socket not yet secure, …).
 */
import type { WaitReason } from '../../core/chains/promise-section';
import { peerAddress, type AddressedSocket } from '../socket-address';
import type { SiteTable } from './site-table';
import { SlotFlag, type SlotStore } from './slot-store';
import type { UndiciWaits } from './undici-waits';
import type { WorkerWaits } from './worker-waits';

interface SocketLike extends AddressedSocket {
  connecting?: boolean;
  encrypted?: boolean;
  _secureEstablished?: boolean;
  destroyed?: boolean;
  _host?: string;
}

const DNS = new Set(['GETADDRINFOREQWRAP', 'GETNAMEINFOREQWRAP', 'QUERYWRAP']);
const FILE = new Set([
  'FSREQCALLBACK',
  'FSREQPROMISE',
  'FILEHANDLE',
  'FILEHANDLECLOSEREQ',
  'STATWATCHER',
  'FSEVENTWRAP',
]);

/** Resource type given to a link whose executor started reading a stream (see ResourceAttribution). */
export const STREAM_READ = 'StreamRead';

/** What the agent learnt of links outside the hooks: the undici requests and the messages they sent. */
export interface WaitLinks {
  undici?: UndiciWaits;
  workers?: WorkerWaits;
}

const NO_LINKS: WaitLinks = {};

/** The wait reason of the link in `slot`. */
export function waitReasonOf(
  store: SlotStore,
  sites: SiteTable,
  slot: number,
  links: WaitLinks = NO_LINKS,
): WaitReason {
  // A reply to a message it sent: a timer or socket made beside it (a deadline, a log line) says less.
  const reply = links.workers?.reasonOf(slot);
  if (reply) return reply;
  const type = store.resourceType[slot];
  const resource = store.resource[slot];
  const link = links.undici?.linkOf(slot);
  // A root open when the request was dispatched counts only if nothing else is known of it.
  const request = link && (link.direct || type === undefined) ? link.request : undefined;
  if (request) {
    // Queued in an undici Pool: no resource exists yet.
    if (request.queued) return { kind: 'pool-queue', detail: `undici ${request.origin}` };
    // Dispatched to a connection: a connect or handshake still under way says more than undici's own timers.
    const state = type === undefined ? undefined : resourceReason(type, resource);
    if (state && state.kind !== 'socket-read' && state.kind !== 'timer') return state;
    return { kind: 'socket-read', detail: `undici ${request.origin}` };
  }
  if (type !== undefined) return resourceReason(type, resource);
  const site = sites.sites[store.site[slot]!];
  if (site?.viaStream) return { kind: 'stream' };
  if (store.flags[slot]! & SlotFlag.UntrackedParent) return { kind: 'untracked' };
  if (store.flags[slot]! & SlotFlag.Unattributed)
    return { kind: 'untracked', detail: 'resources not observed' };
  return { kind: 'none' };
}

/** What an async resource of `type` (its object `resource`) says a link waits on. */
function resourceReason(type: string, resource: object | undefined): WaitReason {
  if (DNS.has(type)) return { kind: 'dns-lookup', detail: type };
  if (FILE.has(type)) return { kind: 'file', detail: type };
  if (type === 'QueuedRequest') return { kind: 'pool-queue', detail: type };
  // A MessageChannel (or a Worker, on a Node without the `worker_threads` channel) made by the executor.
  if (type === 'WORKER') return { kind: 'worker', detail: 'worker thread' };
  if (type === 'MESSAGEPORT') return { kind: 'worker', detail: 'MessagePort' };
  if (type === STREAM_READ) return streamReason(resource);
  const socket = ownerSocket(resource);
  if (socket) return socketReason(socket, type);
  if (type === 'Timeout' || type === 'Immediate') return timerReason(resource);
  if (type === 'TCPCONNECTWRAP' || type === 'PIPECONNECTWRAP')
    return { kind: 'socket-connect', detail: type };
  return { kind: 'socket-read', detail: type };
}

/** A readable stream read by events: an incoming request's body says which request. */
function streamReason(resource: object | undefined): WaitReason {
  const stream = resource as { method?: unknown; url?: unknown; constructor?: { name?: string } } | undefined;
  const name = stream?.constructor?.name || 'Readable';
  const request =
    typeof stream?.method === 'string' && typeof stream.url === 'string'
      ? ` ${stream.method} ${stream.url.split('?')[0]}` // the query may hold secrets
      : '';
  return { kind: 'stream', detail: `${name}${request}` };
}

function timerReason(resource: object | undefined): WaitReason {
  const timer = resource as { _idleTimeout?: number; _destroyed?: boolean } | undefined;
  const delay = timer?._idleTimeout;
  return {
    kind: 'timer',
    detail: typeof delay === 'number' && delay >= 0 ? `${Math.round(delay)} ms` : undefined,
  };
}

function socketReason(socket: SocketLike, type: string): WaitReason {
  const remote = peerAddress(socket);
  const peer = remote ? `${remote.address}:${remote.port ?? ''}` : (socket._host ?? type);
  if (socket.connecting) return { kind: 'socket-connect', detail: peer };
  if (socket.encrypted && !socket._secureEstablished && !socket.destroyed)
    return { kind: 'tls-handshake', detail: peer };
  return { kind: 'socket-read', detail: peer };
}

let ownerSymbol: symbol | undefined;

/** The `net.Socket` that owns a handle (Node keeps it under the internal `owner_symbol`). */
function ownerSocket(handle: object | undefined): SocketLike | undefined {
  if (handle === undefined) return undefined;
  if (ownerSymbol === undefined) {
    ownerSymbol = Object.getOwnPropertySymbols(handle).find((s) => s.description === 'owner_symbol');
    if (ownerSymbol === undefined) return undefined;
  }
  const owner = (handle as Record<symbol, unknown>)[ownerSymbol];
  return typeof owner === 'object' && owner !== null ? (owner as SocketLike) : undefined;
}
