/**
 * The Network view's tables and pool charts for one process, or for several side by side (the "All"
 * choice of a cluster's session): each row says which process or thread it is from, and the pools
 * with the worst queues come first whichever process they are in. Pure; `t` in seconds since the start.
 */
import type { AgentSnapshot, PeerSockets } from '../../core/agent-protocol';
import type { TlsHostSummary } from '../../core/network/tls-host-summary';
import { readTlsSection, type PendingHandshake } from '../../core/network/tls-section';
import { peerRows, poolRows, tlsHostRows, type PoolRow } from './network-tables';
import { poolOriginSeries, type PoolOriginSeries } from './pool-origin-series';

/** The snapshots of one process or thread; `label` null when it is the only one (no column for it). */
export interface NetworkSource {
  label: string | null;
  snapshots: readonly AgentSnapshot[];
}

/** A row and the process or thread it is from (null in a one-process session). */
export type FromPart<T> = T & { part: string | null };

export interface NetworkTables {
  /** True when rows come from several processes or threads (the view shows their column). */
  several: boolean;
  pools: FromPart<PoolRow>[];
  poolSeries: FromPart<PoolOriginSeries>[];
  peers: FromPart<PeerSockets>[];
  tls: FromPart<TlsHostSummary>[];
  /** TLS handshakes in progress at each source's latest snapshot. */
  pending: FromPart<PendingHandshake>[];
  /** False when no source has a snapshot yet. */
  hasData: boolean;
}

export function networkTables(sources: readonly NetworkSource[], startTime: number): NetworkTables {
  const from = <T>(source: NetworkSource, rows: readonly T[]): FromPart<T>[] =>
    rows.map((row) => ({ ...row, part: source.label }));
  const each = <T>(rowsOf: (source: NetworkSource) => FromPart<T>[]): FromPart<T>[] =>
    sources.flatMap(rowsOf);
  return {
    several: sources.length > 1,
    pools: each((s) => from(s, poolRows(s.snapshots))).sort(
      (a, b) => b.peakQueued - a.peakQueued || b.inUse - a.inUse,
    ),
    poolSeries: each((s) => from(s, poolOriginSeries(s.snapshots, startTime))).sort(
      (a, b) => b.peakQueued - a.peakQueued || b.peakInUse - a.peakInUse,
    ),
    peers: each((s) => from(s, peerRows(s.snapshots))),
    tls: each((s) => from(s, tlsHostRows(s.snapshots, startTime))),
    pending: each((s) => {
      const last = s.snapshots.at(-1);
      return from(s, last ? (readTlsSection(last)?.pending ?? []) : []);
    }),
    hasData: sources.some((s) => s.snapshots.length > 0),
  };
}
