/** The live dashboard (and the overview of an opened session): tiles, charts, findings as they appear. */
import { useMemo } from 'react';
import { useApp } from '../bridge/bridge-context';
import { FindingCard } from '../components/finding-card';
import { Icon } from '../components/icon';
import { PALETTE } from '../components/palette';
import { EmptyState } from '../components/states';
import { TimeChart } from '../components/time-chart';
import { selectFindings, selectIsLive, selectSnapshots, selectStartTime } from '../store/selectors';
import { dashboardPoints, dashboardTiles, fdLimitWorthShowing } from '../view-models/dashboard-series';
import type { Tile } from '../view-models/dashboard-series';
import { formatValue } from '../view-models/format';

function TileView({ tile }: { tile: Tile }) {
  return (
    <div className={`tile${tile.alarming ? ' alarming' : ''}`}>
      <div className="tile-label">{tile.label}</div>
      <div className="tile-value">
        {formatValue(tile.latest, tile.unit)}
        {tile.limit != null && <span className="tile-limit"> / {formatValue(tile.limit, tile.unit)}</span>}
      </div>
      <div className="tile-peak">peak {formatValue(tile.peak, tile.unit)}</div>
    </div>
  );
}

export function DashboardView() {
  const snapshots = useApp(selectSnapshots);
  const startTime = useApp(selectStartTime);
  const findings = useApp(selectFindings);
  const live = useApp(selectIsLive);
  const setView = useApp((s) => s.setView);
  const points = useMemo(() => dashboardPoints(snapshots, startTime), [snapshots, startTime]);
  const tiles = useMemo(() => dashboardTiles(points), [points]);
  if (snapshots.length === 0)
    return (
      <EmptyState icon="dashboard" title={live ? 'Waiting for the first snapshot…' : 'Nothing recorded yet'}>
        {!live && (
          <p>
            <button type="button" onClick={() => setView('attach')}>
              <Icon name="plug" /> Attach to a process
            </button>{' '}
            or{' '}
            <button type="button" onClick={() => setView('sessions')}>
              <Icon name="folder-opened" /> open a session
            </button>
          </p>
        )}
      </EmptyState>
    );
  const hasTls = points.some((p) => p.tlsCompleted !== null);
  return (
    <div className="dashboard">
      <section className="tiles" aria-label="Current figures">
        {tiles.map((tile) => (
          <TileView key={tile.label} tile={tile} />
        ))}
      </section>
      {findings.length > 0 && (
        <section className="dashboard-findings" aria-label="Findings">
          <h2>
            <Icon name="warning" /> Findings ({findings.length})
          </h2>
          <div className="finding-strip">
            {findings.map((f, i) => (
              <button
                type="button"
                key={`${f.kind}-${i}`}
                className="finding-link"
                onClick={() => setView('findings')}
              >
                <FindingCard finding={f} compact />
              </button>
            ))}
          </div>
        </section>
      )}
      <section className="chart-grid" aria-label="Charts">
        <TimeChart
          title="Sockets by state"
          unit="count"
          data={points}
          stacked
          series={[
            { key: 'open', name: 'open', color: PALETTE.blue },
            { key: 'idle', name: 'idle in pool', color: PALETTE.green },
            { key: 'connecting', name: 'connecting', color: PALETTE.amber },
            { key: 'destroyedReferenced', name: 'destroyed, referenced', color: PALETTE.red },
          ]}
        />
        <TimeChart
          title="Connection pools (all origins)"
          unit="count"
          data={points}
          series={[
            { key: 'poolInUse', name: 'in use', color: PALETTE.blue },
            { key: 'poolIdle', name: 'idle', color: PALETTE.green },
            { key: 'poolQueued', name: 'queued for a socket', color: PALETTE.red },
          ]}
        />
        <TimeChart
          title="Open file descriptors"
          unit="count"
          data={points}
          series={[
            { key: 'fdsOpen', name: 'open', color: PALETTE.violet },
            ...(fdLimitWorthShowing(points)
              ? [{ key: 'fdLimit' as const, name: 'limit', color: PALETTE.grey, dashed: true }]
              : []),
          ]}
        />
        <TimeChart
          title="Event-loop delay"
          unit="ms"
          data={points}
          series={[
            { key: 'delayP50Ms', name: 'p50', color: PALETTE.green },
            { key: 'delayP99Ms', name: 'p99', color: PALETTE.amber },
            { key: 'delayMaxMs', name: 'max', color: PALETTE.red },
          ]}
        />
        <TimeChart
          title="Event-loop utilisation (%)"
          unit="%"
          data={points}
          series={[{ key: 'utilizationPct', name: 'utilisation', color: PALETTE.cyan }]}
        />
        <TimeChart
          title="Memory"
          unit="bytes"
          data={points}
          series={[
            { key: 'heapUsed', name: 'heap used', color: PALETTE.blue },
            { key: 'heapTotal', name: 'heap total', color: PALETTE.grey, dashed: true },
            { key: 'rss', name: 'rss', color: PALETTE.violet },
          ]}
        />
        <TimeChart
          title="Requests and promises"
          unit="count"
          data={points}
          series={[
            { key: 'inFlight', name: 'requests in flight', color: PALETTE.blue },
            { key: 'pendingPromises', name: 'pending promises', color: PALETTE.pink },
          ]}
        />
        {hasTls && (
          <TimeChart
            title="TLS handshakes"
            unit="count"
            data={points}
            series={[
              { key: 'tlsCompleted', name: 'completed / interval', color: PALETTE.green },
              { key: 'tlsInProgress', name: 'in progress', color: PALETTE.amber },
            ]}
          />
        )}
      </section>
    </div>
  );
}
