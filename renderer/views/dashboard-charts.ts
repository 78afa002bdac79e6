/** The dashboard's charts: what each plots of the dashboard points, in its unit and colours. */
import { PALETTE } from '../components/palette';
import type { SeriesSpec } from '../components/time-chart';
import { fdLimitWorthShowing } from '../view-models/dashboard-series';
import type { DashboardPoint } from '../view-models/dashboard-series';

/** One chart of the dashboard (`unit` as `formatValue` reads it). */
export interface DashboardChart {
  title: string;
  unit: string;
  stacked?: boolean;
  series: SeriesSpec<DashboardPoint>[];
}

/** The charts worth showing for `points`: the fd limit only when near, TLS only when there was any. */
export function dashboardCharts(points: readonly DashboardPoint[]): DashboardChart[] {
  const charts: DashboardChart[] = [
    {
      title: 'Sockets by state',
      unit: 'count',
      stacked: true,
      series: [
        { key: 'open', name: 'open', color: PALETTE.blue },
        { key: 'idle', name: 'idle in pool', color: PALETTE.green },
        { key: 'connecting', name: 'connecting', color: PALETTE.amber },
        { key: 'destroyedReferenced', name: 'destroyed, referenced', color: PALETTE.red },
      ],
    },
    {
      title: 'Connection pools (all origins)',
      unit: 'count',
      series: [
        { key: 'poolInUse', name: 'in use', color: PALETTE.blue },
        { key: 'poolIdle', name: 'idle', color: PALETTE.green },
        { key: 'poolQueued', name: 'queued for a socket', color: PALETTE.red },
      ],
    },
    {
      title: 'Open file descriptors',
      unit: 'count',
      series: [
        { key: 'fdsOpen', name: 'open', color: PALETTE.violet },
        ...(fdLimitWorthShowing(points)
          ? [{ key: 'fdLimit' as const, name: 'limit', color: PALETTE.grey, dashed: true }]
          : []),
      ],
    },
    {
      title: 'Event-loop delay',
      unit: 'ms',
      series: [
        { key: 'delayP50Ms', name: 'p50', color: PALETTE.green },
        { key: 'delayP99Ms', name: 'p99', color: PALETTE.amber },
        { key: 'delayMaxMs', name: 'max', color: PALETTE.red },
      ],
    },
    {
      title: 'Event-loop utilisation (%)',
      unit: '%',
      series: [{ key: 'utilizationPct', name: 'utilisation', color: PALETTE.cyan }],
    },
    {
      title: 'Memory',
      unit: 'bytes',
      series: [
        { key: 'heapUsed', name: 'heap used', color: PALETTE.blue },
        { key: 'heapTotal', name: 'heap total', color: PALETTE.grey, dashed: true },
        { key: 'rss', name: 'rss', color: PALETTE.violet },
      ],
    },
    {
      title: 'Requests and promises',
      unit: 'count',
      series: [
        { key: 'inFlight', name: 'requests in flight', color: PALETTE.blue },
        { key: 'pendingPromises', name: 'pending promises', color: PALETTE.pink },
      ],
    },
  ];
  if (points.some((p) => p.tlsClientCompleted !== null)) {
    // A side that never handshook stays off the chart (a flat zero says nothing); the client side otherwise.
    const server = points.some((p) => (p.tlsServerCompleted ?? 0) > 0);
    const client = !server || points.some((p) => (p.tlsClientCompleted ?? 0) > 0);
    charts.push({
      title: 'TLS handshakes per snapshot interval',
      unit: 'count',
      series: [
        ...(client
          ? [{ key: 'tlsClientCompleted' as const, name: 'completed as client', color: PALETTE.green }]
          : []),
        ...(server
          ? [{ key: 'tlsServerCompleted' as const, name: 'completed as server', color: PALETTE.blue }]
          : []),
        { key: 'tlsInProgress', name: 'in progress now', color: PALETTE.amber },
      ],
    });
  }
  return charts;
}
