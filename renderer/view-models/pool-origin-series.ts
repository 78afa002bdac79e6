/**
 * The Network view's pools over time: for each pool × origin (http.Agent and undici alike), sockets in
 * use, idle, requests queued and the pool's limit at every snapshot. Pure; `t` is seconds since the start.
 */
import type { AgentSnapshot, PoolOrigin } from '../../core/agent-protocol';
import { allPools, poolKey } from '../../core/network/all-pools';
import { secondsSince } from './chart-time';

/** One pool × origin at one snapshot (counts; `limit` null when unlimited or the pool was not listed). */
export interface PoolOriginPoint {
  /** Seconds since the start. */
  t: number;
  inUse: number;
  idle: number;
  queued: number;
  limit: number | null;
}

/** One pool × origin over the snapshots. */
export interface PoolOriginSeries {
  /** `<poolId> <origin>`, stable across snapshots. */
  key: string;
  poolId: string;
  kind: PoolOrigin['kind'];
  /** `host:port`. */
  origin: string;
  /** One point per snapshot, zeros where the pool had no socket (it is not listed then). */
  points: PoolOriginPoint[];
  peakQueued: number;
  peakInUse: number;
}

/** Every pool × origin seen in `snapshots`, worst queue first, then busiest. */
export function poolOriginSeries(snapshots: readonly AgentSnapshot[], startTime: number): PoolOriginSeries[] {
  const byKey = new Map<string, PoolOriginSeries>();
  snapshots.forEach((snapshot, index) => {
    for (const pool of allPools(snapshot)) {
      const key = poolKey(pool);
      let series = byKey.get(key);
      if (!series) {
        const { poolId, kind, origin } = pool;
        series = { key, poolId, kind, origin, points: [], peakQueued: 0, peakInUse: 0 };
        byKey.set(key, series);
      }
      if (series.points.length > index) continue; // listed twice in one snapshot: the first counts
      // Snapshots before this pool appeared (or where it had no socket) count as empty.
      while (series.points.length < index)
        series.points.push(emptyPoint(snapshots, series.points.length, startTime));
      series.points.push({
        t: secondsSince(snapshot.time, startTime),
        inUse: pool.inUse,
        idle: pool.idle,
        queued: pool.queued,
        limit: pool.maxSockets,
      });
      series.peakQueued = Math.max(series.peakQueued, pool.queued);
      series.peakInUse = Math.max(series.peakInUse, pool.inUse);
    }
  });
  for (const series of byKey.values())
    while (series.points.length < snapshots.length)
      series.points.push(emptyPoint(snapshots, series.points.length, startTime));
  return [...byKey.values()].sort((a, b) => b.peakQueued - a.peakQueued || b.peakInUse - a.peakInUse);
}

function emptyPoint(snapshots: readonly AgentSnapshot[], index: number, startTime: number): PoolOriginPoint {
  return { t: secondsSince(snapshots[index]!.time, startTime), inUse: 0, idle: 0, queued: 0, limit: null };
}
