/**
 * Follows each TLS socket from creation to the end of its handshake with a few listeners that are
 * shared functions (no closure per socket) and removed as soon as the handshake ends. It never adds an
 * 'error' listener (that would change how the host's errors surface): a failed handshake is seen at
 * 'close', with the error from `socket.errored`.
 */
import type { TLSSocket } from 'node:tls';
import type { Frame } from '../../core/frame';
import type { PendingHandshake } from '../../core/network/tls-section';
import { localAddress, peerAddress, type AddressedSocket } from '../socket-address';
import type { CapturedStack } from '../stack-frames';
import type { HandshakeOutcome } from './host-interval';

/** Where the tracker reports what it sees; `host` is the key described in `TlsHostInterval.host`. */
export interface HandshakeSink {
  /** A monotonic clock, ms. */
  now(): number;
  connected(host: string, durationMs: number): void;
  completed(host: string, side: Side, outcome: HandshakeOutcome): void;
  failed(host: string, side: Side, reason: string): void;
  /** Frames of a captured stack (cached by the caller's parser). */
  frames(stack: CapturedStack): Frame[];
}

type Side = 'client' | 'server';

interface HandshakeRecord {
  tracker: HandshakeTracker;
  side: Side;
  createdAt: number;
  /** When TCP connected (client) or the socket was handed over already connected (server, wrapped); ms. */
  startedAt: number | null;
  stack: CapturedStack | null;
  frames: Frame[] | null;
  host: string | null;
}

/** The fields of a TLSSocket read here; `_host` is what net's `connect` was given. */
type TrackedSocket = TLSSocket & AddressedSocket & { _host?: string | null; errored?: unknown };

// Records live beside the sockets, not on them: adding (and deleting) a property on a TLSSocket changes its
// hidden class, which Node's own code then meets on every TLS socket (polymorphic property access).
const records = new WeakMap<TrackedSocket, HandshakeRecord>();

function clientHost(socket: TrackedSocket): string {
  const remote = peerAddress(socket);
  return `${socket._host ?? remote?.address ?? '?'}:${remote?.port ?? '?'}`;
}

function serverHost(socket: TrackedSocket): string {
  const sni = (socket as { servername?: string | false }).servername;
  return `${sni || '*'}:${localAddress(socket)?.port ?? '?'}`;
}

function hostOf(socket: TrackedSocket, record: HandshakeRecord): string {
  return record.host ?? clientHost(socket);
}

function onConnect(this: TrackedSocket): void {
  const record = records.get(this);
  if (!record || record.startedAt !== null) return;
  record.startedAt = record.tracker.sink.now();
  record.host = clientHost(this);
  record.tracker.sink.connected(record.host, record.startedAt - record.createdAt);
}

function onSecure(this: TrackedSocket): void {
  const record = records.get(this);
  if (!record) return;
  const { tracker } = record;
  tracker.untrack(this);
  const startedAt = record.startedAt ?? record.createdAt;
  const alpn = this.alpnProtocol;
  tracker.sink.completed(record.side === 'client' ? hostOf(this, record) : serverHost(this), record.side, {
    durationMs: tracker.sink.now() - startedAt,
    reused: this.isSessionReused(),
    protocol: this.getProtocol() ?? 'unknown',
    cipher: this.getCipher()?.name ?? 'unknown',
    alpn: typeof alpn === 'string' && alpn ? alpn : 'none',
    stack: record.stack,
  });
}

function onClose(this: TrackedSocket): void {
  const record = records.get(this);
  if (!record) return;
  record.tracker.untrack(this);
  const error = this.errored as { code?: unknown } | null | undefined;
  const reason = error ? (typeof error.code === 'string' ? error.code : 'error') : 'closed-before-secure';
  record.tracker.sink.failed(hostOf(this, record), record.side, reason);
}

export class HandshakeTracker {
  private readonly inFlight = new Set<TrackedSocket>();

  constructor(
    readonly sink: HandshakeSink,
    private readonly maxInFlight: number,
    private readonly drop: (reason: string) => void,
  ) {}

  /**
   * Starts following `socket`. `alreadyConnected`: the handshake starts now (server side, or a client
   * wrapping a connected socket) rather than at TCP 'connect'. `stack`: where a client connection began.
   */
  track(socket: TLSSocket, side: Side, alreadyConnected: boolean, stack: CapturedStack | null): void {
    if (this.inFlight.size >= this.maxInFlight) {
      this.drop('tls.inFlightCap');
      return;
    }
    const s = socket as TrackedSocket;
    const now = this.sink.now();
    // A server socket's port is known now and gone after close; its SNI name is added at 'secure'.
    const host = side === 'server' ? serverHost(s) : null;
    records.set(s, {
      tracker: this,
      side,
      createdAt: now,
      startedAt: alreadyConnected ? now : null,
      stack,
      frames: null,
      host,
    });
    this.inFlight.add(s);
    if (!alreadyConnected) s.on('connect', onConnect);
    s.on(side === 'client' ? 'secureConnect' : 'secure', onSecure);
    s.on('close', onClose);
  }

  /** Stops following `socket`: removes every listener and the record. */
  untrack(socket: TrackedSocket): void {
    const record = records.get(socket);
    if (!record) return;
    socket.removeListener('connect', onConnect);
    socket.removeListener(record.side === 'client' ? 'secureConnect' : 'secure', onSecure);
    socket.removeListener('close', onClose);
    records.delete(socket);
    this.inFlight.delete(socket);
  }

  /** Handshakes in progress: counts by phase, and those at least `minAgeMs` old, oldest first, at most `cap`. */
  pending(minAgeMs: number, cap: number): { list: PendingHandshake[]; tcp: number; tls: number } {
    const now = this.sink.now();
    let tcp = 0;
    let tls = 0;
    const old: { socket: TrackedSocket; record: HandshakeRecord; ageMs: number }[] = [];
    for (const socket of this.inFlight) {
      const record = records.get(socket);
      if (!record) continue;
      if (record.startedAt === null) tcp++;
      else tls++;
      const ageMs = now - (record.startedAt ?? record.createdAt);
      if (ageMs >= minAgeMs) old.push({ socket, record, ageMs });
    }
    old.sort((a, b) => b.ageMs - a.ageMs);
    const list = old.slice(0, cap).map(({ socket, record, ageMs }) => {
      if (record.stack && !record.frames) record.frames = this.sink.frames(record.stack);
      const remote = peerAddress(socket);
      const peer = remote ? `${remote.address}:${remote.port}` : '';
      const host = record.host ?? `${socket._host ?? '?'}:?`;
      const phase: PendingHandshake['phase'] = record.startedAt === null ? 'tcp' : 'tls';
      return { host, side: record.side, phase, ageMs, peer, frames: record.frames ?? [] };
    });
    return { list, tcp, tls };
  }

  /** Stops following every socket still in its handshake. */
  stop(): void {
    for (const socket of [...this.inFlight]) this.untrack(socket);
  }
}
