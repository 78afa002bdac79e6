/**
 * The live dashboard (and the overview of an opened session): tiles, charts, findings as they appear; for
 * all processes of a session of several, their figures side by side (`parts-dashboard.tsx`).
 */
import { useMemo } from 'react';
import { isImportedSession } from '../../core/import/session-of-profiles';
import { useApp } from '../bridge/bridge-context';
import { FindingsStrip } from '../components/findings-strip';
import { Icon } from '../components/icon';
import { ImportedProfileNotice } from '../components/imported-profile-notice';
import { EmptyState } from '../components/states';
import { TimeChart } from '../components/time-chart';
import {
  selectAllParts,
  selectFindings,
  selectIsLive,
  selectMarks,
  selectParts,
  selectSnapshots,
  selectStartTime,
} from '../store/selectors';
import { chartMarks } from '../view-models/chart-marks';
import { dashboardPoints, dashboardTiles } from '../view-models/dashboard-series';
import type { Tile } from '../view-models/dashboard-series';
import { formatValue } from '../view-models/format';
import { dashboardCharts } from './dashboard-charts';
import { PartsDashboard } from './parts-dashboard';

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
  const all = useApp(selectAllParts);
  return all ? <PartsDashboard /> : <PartDashboard />;
}

/** One process's (or the only one's) tiles, findings and charts. */
function PartDashboard() {
  const snapshots = useApp(selectSnapshots);
  const parts = useApp(selectParts);
  const startTime = useApp(selectStartTime);
  const findings = useApp(selectFindings);
  const live = useApp(selectIsLive);
  const setView = useApp((s) => s.setView);
  const opened = useApp((s) => s.opened);
  const points = useMemo(() => dashboardPoints(snapshots, startTime), [snapshots, startTime]);
  const tiles = useMemo(() => dashboardTiles(points), [points]);
  const charts = useMemo(() => dashboardCharts(points), [points]);
  const markRecords = useApp(selectMarks);
  const marks = useMemo(() => chartMarks(markRecords, startTime), [markRecords, startTime]);
  if (snapshots.length === 0 && !live && opened && isImportedSession(opened.session))
    return <ImportedProfileNotice name={opened.name} icon="dashboard" />;
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
  return (
    <div className="dashboard">
      <section className="tiles" aria-label="Current figures">
        {tiles.map((tile) => (
          <TileView key={tile.label} tile={tile} />
        ))}
      </section>
      <FindingsStrip findings={findings} parts={parts} onOpen={() => setView('findings')} />
      <section className="chart-grid" aria-label="Charts">
        {charts.map((chart) => (
          <TimeChart key={chart.title} {...chart} data={points} marks={marks} />
        ))}
      </section>
    </div>
  );
}
