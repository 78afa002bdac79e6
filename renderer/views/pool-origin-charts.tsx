/**
 * The Network view's pools over time: one chart per pool × origin (http.Agent and undici alike) with
 * sockets in use, idle, requests queued and the pool's limit. The worst queues come first; beyond
 * {@link MAX_CHARTS} the rest are only counted (the table above lists them all).
 */
import { PALETTE } from '../components/palette';
import { TimeChart, type SeriesSpec } from '../components/time-chart';
import type { PoolOriginPoint, PoolOriginSeries } from '../view-models/pool-origin-series';

const MAX_CHARTS = 6;

const COUNTS: SeriesSpec<PoolOriginPoint>[] = [
  { key: 'inUse', name: 'in use', color: PALETTE.blue },
  { key: 'idle', name: 'idle', color: PALETTE.green },
  { key: 'queued', name: 'queued', color: PALETTE.red },
];
const LIMIT: SeriesSpec<PoolOriginPoint> = { key: 'limit', name: 'limit', color: PALETTE.grey, dashed: true };

/** `part`: the process or thread a pool is in, when several are shown together. */
export function PoolOriginCharts(props: {
  series: readonly (PoolOriginSeries & { part?: string | null })[];
}) {
  if (props.series.length === 0) return null;
  const shown = props.series.slice(0, MAX_CHARTS);
  const more = props.series.length - shown.length;
  return (
    <section className="panel" aria-label="Pools over time">
      <h2>Pools over time</h2>
      <div className="chart-grid">
        {shown.map((s) => (
          <TimeChart
            key={`${s.part ?? ''} ${s.key}`}
            title={`${s.part ? `${s.part}: ` : ''}${s.origin} — ${s.poolId} (${s.kind})`}
            unit="count"
            data={s.points}
            // An unlimited pool has no limit to draw.
            series={s.points.some((p) => p.limit !== null) ? [...COUNTS, LIMIT] : COUNTS}
          />
        ))}
      </div>
      {more > 0 && (
        <p className="muted">
          {more} more {more === 1 ? 'pool' : 'pools'} with less queueing: see the table above.
        </p>
      )}
    </section>
  );
}
