/**
 * The Dashboard with all processes of a session of several chosen: a table of every process and thread
 * (its findings and the worst of each figure; a row picks it), every finding with its place, and charts
 * with one line per process — a starving worker stands out beside an idle primary.
 */
import { useMemo } from 'react';
import { useApp } from '../bridge/bridge-context';
import { FindingsStrip } from '../components/findings-strip';
import { Icon } from '../components/icon';
import { SERIES_COLORS } from '../components/palette';
import { TablePanel } from '../components/table-panel';
import { TimeChart } from '../components/time-chart';
import {
  selectAllFindings,
  selectIntervalS,
  selectIsLive,
  selectMarks,
  selectParts,
  selectStartTime,
} from '../store/selectors';
import { chartMarks } from '../view-models/chart-marks';
import { formatValue } from '../view-models/format';
import { chartsByPart, overviewTable, pointsOfParts, type OverviewRow } from '../view-models/parts-overview';

function PartRow({ row, onChoose }: { row: OverviewRow; onChoose: () => void }) {
  return (
    <tr className="part-row" onClick={onChoose}>
      <td>
        {/* The row's click picks it; the button is how a keyboard gets there. */}
        <button type="button" className="link-button">
          {row.label}
        </button>{' '}
        <span className="muted">{row.detail}</span>
        {row.ended && (
          <span className="part-ended">
            {' '}
            <Icon name="circle-slash" /> {row.ended.reason}
          </span>
        )}
      </td>
      <td>
        {row.critical > 0 && <span className="part-count severity-critical">{row.critical} critical</span>}{' '}
        {row.warning > 0 && <span className="part-count severity-warning">{row.warning} warning</span>}
        {row.critical + row.warning === 0 && <span className="muted">none</span>}
      </td>
      {row.figures.map((tile, i) => (
        <td key={i} className={`num${tile?.peakAlarming ? ' alarming' : ''}`}>
          {tile ? formatValue(tile.peak, tile.unit) : '–'}
        </td>
      ))}
    </tr>
  );
}

export function PartsDashboard() {
  const parts = useApp(selectParts);
  const findings = useApp(selectAllFindings);
  const startTime = useApp(selectStartTime);
  const intervalS = useApp(selectIntervalS);
  const live = useApp(selectIsLive);
  const choose = useApp((s) => s.choosePart);
  const setView = useApp((s) => s.setView);
  const markRecords = useApp(selectMarks);
  const marks = useMemo(() => chartMarks(markRecords, startTime), [markRecords, startTime]);
  const byPart = useMemo(() => pointsOfParts(parts, startTime), [parts, startTime]);
  const table = useMemo(() => overviewTable(byPart, findings), [byPart, findings]);
  const charts = useMemo(() => chartsByPart(byPart, intervalS), [byPart, intervalS]);
  const columns = [
    { label: 'Process or thread' },
    { label: 'Findings' },
    ...table.columns.map((label) => ({ label, num: true })),
  ];
  return (
    <div className="dashboard">
      <TablePanel
        label="Processes and threads"
        title={`Processes and threads — worst ${live ? 'so far' : 'over the session'}`}
        columns={columns}
        rowCount={table.rows.length}
        empty="No process recorded yet."
        after={<p className="muted">Pick one (above, or a row) to see its own dashboard and profiles.</p>}
      >
        {table.rows.map((row) => (
          <PartRow key={row.id} row={row} onChoose={() => choose(row.id)} />
        ))}
      </TablePanel>
      <FindingsStrip findings={findings} parts={parts} onOpen={() => setView('findings')} />
      <section className="chart-grid" aria-label="Charts">
        {charts.map((chart) => (
          <TimeChart
            key={chart.title}
            title={chart.title}
            unit={chart.unit}
            data={chart.rows}
            marks={marks}
            series={chart.series.map((s, i) => ({ ...s, color: SERIES_COLORS[i % SERIES_COLORS.length]! }))}
          />
        ))}
      </section>
    </div>
  );
}
