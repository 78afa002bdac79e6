/**
 * The TLS collector's section of a snapshot (`AgentSnapshot.extensions.tls`): handshakes finished in the
 * interval since the previous snapshot, per host and side, and the handshakes still in progress.
 * Durations are milliseconds. Handshake times travel as a sparse histogram (see `handshakeBucketOf`) so
 * that intervals merge into session-wide percentiles without keeping every duration.
 */
import type { AgentSnapshot } from '../agent-protocol';
import type { Frame } from '../frame';

/** The key of this section in `AgentSnapshot.extensions`. */
export const TLS_SECTION_KEY = 'tls';

/**
 * Histogram bucket of a duration: bucket `k` holds durations in (2^((k-1)/4), 2^(k/4)] ms, bucket 0 holds
 * everything ≤ 1 ms (quarter-octave buckets: any percentile read back is within 19% of the true value).
 * The agent applies the same formula (it cannot import values from core).
 */
export function handshakeBucketOf(durationMs: number): number {
  return durationMs <= 1 ? 0 : Math.ceil(Math.log2(durationMs) * 4);
}

/** Upper bound of bucket `k`, ms. */
export function handshakeBucketUpperMs(bucket: number): number {
  return 2 ** (bucket / 4);
}

/** Sparse histogram: bucket index (as a string key, per JSON) → number of durations in it. */
export type DurationHistogram = Record<string, number>;

/** Handshakes to (client side) or served for (server side) one host during one interval. */
export interface TlsHostInterval {
  /** Client side: `host:port` dialled. Server side: the SNI name asked for, else `*`, then `:localPort`. */
  host: string;
  side: 'client' | 'server';
  /** Handshakes that finished successfully in the interval. */
  completed: number;
  /** Of `completed`, how many resumed a TLS session (`isSessionReused()`). */
  reused: number;
  /** Handshake durations of `completed`: TCP connected (or socket accepted) → secure. */
  handshakeMs: { sum: number; max: number; histogram: DurationHistogram };
  /** Client side only: TCP connect durations (DNS lookup included) of the sockets that reached 'connect'. */
  connectMs: { count: number; sum: number; max: number; histogram: DurationHistogram };
  /** Handshakes that failed, by reason (`err.code`, else `closed-before-secure`). */
  errors: Record<string, number>;
  /** Negotiated protocol version (`TLSv1.3`, …) → count. */
  protocols: Record<string, number>;
  /** Cipher name → count. */
  ciphers: Record<string, number>;
  /** ALPN protocol (`h2`, `http/1.1`, or `none`) → count. */
  alpn: Record<string, number>;
  /** Where the slowest completed handshake of the interval was started (client side), innermost first. */
  slowestFrames: Frame[];
}

/** A handshake in progress at the time of the snapshot. */
export interface PendingHandshake {
  host: string;
  side: 'client' | 'server';
  /** `tcp`: still connecting (client); `tls`: connected, handshake not finished. */
  phase: 'tcp' | 'tls';
  /** Since the socket was created (phase tcp) or since TCP connected / accept (phase tls), ms. */
  ageMs: number;
  /** Remote `address:port` when known. */
  peer: string;
  /** Where the connection was started (client side), innermost first; empty on the server side. */
  frames: Frame[];
}

export interface TlsSection {
  /** Length of the interval these figures cover, ms (since the previous collection or the start). */
  intervalMs: number;
  /** Hosts with activity in the interval, busiest first, at most the agent's cap. */
  hosts: TlsHostInterval[];
  /** Handshakes in progress for at least `pendingMinAgeMs`, oldest first, at most `pendingCap`. */
  pending: PendingHandshake[];
  /** Reporting floor of `pending`, ms. */
  pendingMinAgeMs: number;
  /** All handshakes in progress now, by phase (including those too young or too many to list). */
  inProgress: { tcp: number; tls: number };
  /** Since the collector started (monotonic). */
  totals: { started: number; completed: number; failed: number; reused: number };
}

/** The TLS section of `snapshot`, or undefined when the collector was off or the shape is foreign. */
export function readTlsSection(snapshot: AgentSnapshot): TlsSection | undefined {
  const section = snapshot.extensions?.[TLS_SECTION_KEY] as Partial<TlsSection> | undefined;
  if (!section || !Array.isArray(section.hosts) || !Array.isArray(section.pending)) return undefined;
  return section as TlsSection;
}
