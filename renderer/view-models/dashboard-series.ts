/**
 * The live dashboard's view-model: one point per snapshot for the charts, and the latest figures for the
 * tiles. Pure: snapshots in, plain numbers out. `t` is seconds since the start.
 */
import type { AgentSnapshot } from '../../core/agent-protocol';
import { allPools } from '../../core/network/all-pools';
import { readTlsSection } from '../../core/network/tls-section';
import type { TlsHostInterval } from '../../core/network/tls-section';
import { secondsSince } from './chart-time';
import { readPendingPromises } from './extensions';

export interface DashboardPoint {
  /** Seconds since the start. */
  t: number;
  connecting: number;
  open: number;
  idle: number;
  destroyedReferenced: number;
  poolInUse: number;
  poolIdle: number;
  poolQueued: number;
  fdsOpen: number | null;
  /** The descriptor limit; null when unknown (the chart leaves it out when far above the open count). */
  fdLimit: number | null;
  delayP50Ms: number;
  delayP99Ms: number;
  delayMaxMs: number;
  /** Event-loop utilisation, percent. */
  utilizationPct: number;
  heapUsed: number;
  heapTotal: number;
  rss: number;
  inFlight: number;
  pendingPromises: number | null;
  /**
   * TLS handshakes finished in the interval, apart by side (one connection between two parts of the same
   * process is one handshake on each side); null without the TLS section.
   */
  tlsClientCompleted: number | null;
  tlsServerCompleted: number | null;
  tlsInProgress: number | null;
}

export function dashboardPoints(snapshots: readonly AgentSnapshot[], startTime: number): DashboardPoint[] {
  return snapshots.map((s) => {
    const tls = readTlsSection(s);
    let poolInUse = 0;
    let poolIdle = 0;
    let poolQueued = 0;
    // http.Agent and undici pools alike: a starved fetch pool must show on the chart and the tile.
    for (const pool of allPools(s)) {
      poolInUse += pool.inUse;
      poolIdle += pool.idle;
      poolQueued += pool.queued;
    }
    return {
      t: secondsSince(s.time, startTime),
      connecting: s.sockets.connecting,
      open: s.sockets.open,
      idle: s.sockets.idle,
      destroyedReferenced: s.sockets.destroyedReferenced,
      poolInUse,
      poolIdle,
      poolQueued,
      fdsOpen: s.fds.open,
      fdLimit: s.fds.limit,
      delayP50Ms: s.eventLoop.delayP50Ms,
      delayP99Ms: s.eventLoop.delayP99Ms,
      delayMaxMs: s.eventLoop.delayMaxMs,
      utilizationPct: s.eventLoop.utilization * 100,
      heapUsed: s.memory.heapUsed,
      heapTotal: s.memory.heapTotal,
      rss: s.memory.rss,
      inFlight: s.http.inFlight,
      pendingPromises: readPendingPromises(s),
      tlsClientCompleted: tls ? completedOn(tls.hosts, 'client') : null,
      tlsServerCompleted: tls ? completedOn(tls.hosts, 'server') : null,
      tlsInProgress: tls ? tls.inProgress.tcp + tls.inProgress.tls : null,
    };
  });
}

function completedOn(hosts: readonly TlsHostInterval[], side: TlsHostInterval['side']): number {
  return hosts.reduce((n, h) => (h.side === side ? n + h.completed : n), 0);
}

/** One tile of the dashboard: the latest value and the worst seen. */
export interface Tile {
  label: string;
  unit: 'count' | 'ms' | 'bytes' | 'ratio';
  latest: number | null;
  peak: number | null;
  /** e.g. the FD limit. */
  limit?: number | null;
  /** True when the latest value deserves attention. */
  alarming: boolean;
  /**
   * True when the value deserved attention for two snapshots in a row at some point (a table of several
   * processes shows the worst; a one-snapshot blip, which a healthy pool has now and then, does not count).
   */
  peakAlarming: boolean;
}

export function dashboardTiles(points: readonly DashboardPoint[]): Tile[] {
  const last = points.at(-1);
  /** The latest and the worst value of one figure (null where none was known). */
  const figure = (read: (p: DashboardPoint) => number | null): Pick<Tile, 'latest' | 'peak'> => ({
    latest: last ? read(last) : null,
    peak: points.reduce<number | null>((m, p) => {
      const v = read(p);
      return v === null ? m : m === null ? v : Math.max(m, v);
    }, null),
  });
  const fdShare = (open: number | null | undefined): number =>
    open != null && last?.fdLimit ? open / last.fdLimit : 0;
  /** A figure with its alarm threshold applied to the latest value and to every two in a row. */
  const alarmed = (
    read: (p: DashboardPoint) => number | null,
    alarm: (value: number) => boolean,
  ): Pick<Tile, 'latest' | 'peak' | 'alarming' | 'peakAlarming'> => {
    const { latest, peak } = figure(read);
    const at = (i: number): boolean => alarm(read(points[i]!) ?? 0);
    const sustained = points.some((_, i) => i > 0 && at(i) && at(i - 1));
    return { latest, peak, alarming: alarm(latest ?? 0), peakAlarming: sustained };
  };
  const calm = (read: (p: DashboardPoint) => number | null) => alarmed(read, () => false);
  return [
    {
      label: 'Sockets open',
      unit: 'count',
      ...calm((p) => p.open + p.idle + p.connecting),
    },
    {
      label: 'Requests queued for a socket',
      unit: 'count',
      ...alarmed(
        (p) => p.poolQueued,
        (queued) => queued > 0,
      ),
    },
    {
      label: 'Open file descriptors',
      unit: 'count',
      ...alarmed(
        (p) => p.fdsOpen,
        (open) => fdShare(open) > 0.8,
      ),
      limit: last?.fdLimit ?? null,
    },
    {
      label: 'Event-loop delay p99',
      unit: 'ms',
      ...alarmed(
        (p) => p.delayP99Ms,
        (ms) => ms > 100,
      ),
    },
    {
      label: 'Event-loop utilisation',
      unit: 'ratio',
      ...alarmed(
        (p) => p.utilizationPct / 100,
        (ratio) => ratio > 0.9,
      ),
    },
    {
      label: 'Heap used',
      unit: 'bytes',
      ...calm((p) => p.heapUsed),
    },
    // Only with the promise collector's section: without it the count is unknown, not zero.
    ...(points.some((p) => p.pendingPromises !== null)
      ? [
          {
            label: 'Pending promises',
            unit: 'count' as const,
            ...calm((p) => p.pendingPromises),
          },
        ]
      : []),
    {
      label: 'Requests in flight',
      unit: 'count',
      ...calm((p) => p.inFlight),
    },
  ];
}

/** Whether the FD chart should draw the limit: only when the open count comes within a quarter of it (else the line flattens the count). */
export function fdLimitWorthShowing(points: readonly DashboardPoint[]): boolean {
  return points.some((p) => p.fdsOpen !== null && p.fdLimit !== null && p.fdsOpen >= p.fdLimit / 4);
}
