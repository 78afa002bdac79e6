/**
 * The Network view's tables: pools per origin (latest and worst queue), sockets per peer (latest), and TLS
 * per host over the snapshots. Pure; durations in ms.
 */
import type { AgentSnapshot, PeerSockets, PoolOrigin } from '../../core/agent-protocol';
import { summariseTlsHosts } from '../../core/network/tls-host-summary';
import type { TlsHostSummary } from '../../core/network/tls-host-summary';
import { allPools, poolKey } from '../../core/network/all-pools';
import { sessionOfSnapshots, snapshotsOnlyHeader } from '../../core/session/session-of-snapshots';

export interface PoolRow extends PoolOrigin {
  /** Most requests queued at once over the snapshots. */
  peakQueued: number;
}

/** Pools of the latest snapshot (http.Agent and undici alike), busiest queue first. */
export function poolRows(snapshots: readonly AgentSnapshot[]): PoolRow[] {
  const peak = new Map<string, number>();
  for (const s of snapshots)
    for (const p of allPools(s)) peak.set(poolKey(p), Math.max(peak.get(poolKey(p)) ?? 0, p.queued));
  const last = snapshots.at(-1);
  if (!last) return [];
  return allPools(last)
    .map((p) => ({ ...p, peakQueued: peak.get(poolKey(p)) ?? p.queued }))
    .sort((a, b) => b.peakQueued - a.peakQueued || b.inUse - a.inUse);
}

export function peerRows(snapshots: readonly AgentSnapshot[]): PeerSockets[] {
  return snapshots.at(-1)?.peers ?? [];
}

/** TLS per host over the snapshots on screen (the live ones or a session's), via core's summary. */
export function tlsHostRows(snapshots: readonly AgentSnapshot[], startTime: number): TlsHostSummary[] {
  // The summary reads only the snapshots; the header says what is not known.
  const header = snapshotsOnlyHeader({ hyperscope: 'live', createdAt: startTime, intervalMs: 1000 });
  return summariseTlsHosts(sessionOfSnapshots(header, [...snapshots]));
}
