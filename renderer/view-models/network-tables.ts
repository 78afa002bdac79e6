/**
 * The Network view's tables: pools per origin (latest and worst queue), sockets per peer (latest), and TLS
 * per host summed over the snapshots. Pure; durations in ms.
 */
import type { AgentSnapshot, PeerSockets, PoolOrigin } from '../../core/agent-protocol';
import { handshakeBucketUpperMs, readTlsSection } from '../../core/network/tls-section';
import type { DurationHistogram } from '../../core/network/tls-section';
import { readUndiciSection } from '../../core/network/undici-section';

export interface PoolRow extends PoolOrigin {
  /** Most requests queued at once over the snapshots. */
  peakQueued: number;
}

/** Pools of the latest snapshot (http.Agent and undici alike), busiest queue first. */
export function poolRows(snapshots: readonly AgentSnapshot[]): PoolRow[] {
  const peak = new Map<string, number>();
  const key = (p: PoolOrigin): string => `${p.poolId} ${p.origin}`;
  for (const s of snapshots)
    for (const p of allPools(s)) peak.set(key(p), Math.max(peak.get(key(p)) ?? 0, p.queued));
  const last = snapshots.at(-1);
  if (!last) return [];
  return allPools(last)
    .map((p) => ({ ...p, peakQueued: peak.get(key(p)) ?? p.queued }))
    .sort((a, b) => b.peakQueued - a.peakQueued || b.inUse - a.inUse);
}

/** http.Agent pools plus undici's, without listing one twice (an agent may already fold undici's in). */
function allPools(snapshot: AgentSnapshot): PoolOrigin[] {
  const undici = readUndiciSection(snapshot)?.pools ?? [];
  const seen = new Set(snapshot.pools.map((p) => `${p.poolId} ${p.origin}`));
  return [...snapshot.pools, ...undici.filter((p) => !seen.has(`${p.poolId} ${p.origin}`))];
}

export function peerRows(snapshots: readonly AgentSnapshot[]): PeerSockets[] {
  return snapshots.at(-1)?.peers ?? [];
}

export interface TlsHostRow {
  host: string;
  side: 'client' | 'server';
  completed: number;
  reused: number;
  failed: number;
  meanMs: number | null;
  /** From the merged histogram: an upper bound within 19%. */
  p95Ms: number | null;
  maxMs: number;
  protocols: string;
  alpn: string;
}

export function tlsHostRows(snapshots: readonly AgentSnapshot[]): TlsHostRow[] {
  const acc = new Map<
    string,
    {
      row: TlsHostRow;
      sum: number;
      histogram: DurationHistogram;
      protocols: Map<string, number>;
      alpn: Map<string, number>;
    }
  >();
  for (const s of snapshots) {
    for (const h of readTlsSection(s)?.hosts ?? []) {
      const k = `${h.side} ${h.host}`;
      const a = acc.get(k) ?? {
        row: {
          host: h.host,
          side: h.side,
          completed: 0,
          reused: 0,
          failed: 0,
          meanMs: null,
          p95Ms: null,
          maxMs: 0,
          protocols: '',
          alpn: '',
        },
        sum: 0,
        histogram: {} as DurationHistogram,
        protocols: new Map(),
        alpn: new Map(),
      };
      acc.set(k, a);
      a.row.completed += h.completed;
      a.row.reused += h.reused;
      a.row.failed += Object.values(h.errors).reduce((n, c) => n + c, 0);
      a.row.maxMs = Math.max(a.row.maxMs, h.handshakeMs.max);
      a.sum += h.handshakeMs.sum;
      for (const [b, c] of Object.entries(h.handshakeMs.histogram))
        a.histogram[b] = (a.histogram[b] ?? 0) + c;
      for (const [p, c] of Object.entries(h.protocols)) a.protocols.set(p, (a.protocols.get(p) ?? 0) + c);
      for (const [p, c] of Object.entries(h.alpn)) a.alpn.set(p, (a.alpn.get(p) ?? 0) + c);
    }
  }
  return [...acc.values()]
    .map(({ row, sum, histogram, protocols, alpn }) => ({
      ...row,
      meanMs: row.completed > 0 ? sum / row.completed : null,
      p95Ms: percentileMs(histogram, 0.95),
      protocols: [...protocols.keys()].join(', '),
      alpn: [...alpn.keys()].join(', '),
    }))
    .sort((a, b) => b.maxMs - a.maxMs);
}

function percentileMs(histogram: DurationHistogram, q: number): number | null {
  const buckets = Object.entries(histogram)
    .map(([b, c]) => [Number(b), c] as const)
    .sort((a, b) => a[0] - b[0]);
  const total = buckets.reduce((n, [, c]) => n + c, 0);
  if (total === 0) return null;
  let seen = 0;
  for (const [bucket, count] of buckets) {
    seen += count;
    if (seen >= q * total) return handshakeBucketUpperMs(bucket);
  }
  return null;
}
