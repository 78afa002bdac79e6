/**
 * Network: connection pools per origin (now and over time), sockets per peer, and TLS handshakes per host;
 * with all processes of a session of several chosen, the rows of all of them, each saying whose it is.
 */
import { useMemo } from 'react';
import { formatFrame } from '../../core/frame';
import { useApp } from '../bridge/bridge-context';
import { EmptyState } from '../components/states';
import { TablePanel, type TableColumn } from '../components/table-panel';
import { selectAllParts, selectParts, selectSnapshots, selectStartTime } from '../store/selectors';
import { formatMs, formatRatio } from '../view-models/format';
import { networkTables } from '../view-models/network-of-parts';
import { PoolOriginCharts } from './pool-origin-charts';

const PART_COLUMN: TableColumn = { label: 'Process or thread' };
const POOL_COLUMNS: TableColumn[] = [
  { label: 'Pool' },
  { label: 'Origin' },
  { label: 'In use', num: true },
  { label: 'Idle', num: true },
  { label: 'Queued', num: true },
  { label: 'Peak queued', num: true },
  { label: 'Limit', num: true },
  { label: 'Created at' },
];
const PEER_COLUMNS: TableColumn[] = [
  { label: 'Peer' },
  { label: 'Side' },
  { label: 'Connecting', num: true },
  { label: 'Open', num: true },
  { label: 'Idle', num: true },
  { label: 'Destroyed, referenced', num: true },
];
const TLS_COLUMNS: TableColumn[] = [
  { label: 'Host' },
  { label: 'Side' },
  { label: 'Completed', num: true },
  { label: 'Resumed', num: true },
  { label: 'Failed', num: true },
  { label: 'p50', num: true },
  { label: 'p99', num: true },
  { label: 'Max', num: true },
  { label: 'TCP connect p50', num: true },
  { label: 'Slowest started at' },
];

/** The Process column of a session of several processes shown together; nothing otherwise. */
function PartCell({ part }: { part: string | null }) {
  return part === null ? null : <td>{part}</td>;
}

export function NetworkView() {
  const snapshots = useApp(selectSnapshots);
  const all = useApp(selectAllParts);
  const parts = useApp(selectParts);
  const startTime = useApp(selectStartTime);
  const tables = useMemo(
    () =>
      networkTables(
        all ? parts.map(({ label, snapshots }) => ({ label, snapshots })) : [{ label: null, snapshots }],
        startTime,
      ),
    [all, parts, snapshots, startTime],
  );
  const { pools, peers, tls, pending } = tables;
  const columns = (list: readonly TableColumn[]) => (tables.several ? [PART_COLUMN, ...list] : list);
  if (!tables.hasData) return <EmptyState icon="globe" title="No network data yet" />;
  return (
    <div className="network">
      <TablePanel
        label="Connection pools"
        title={`Connection pools (${pools.length})`}
        columns={columns(POOL_COLUMNS)}
        rowCount={pools.length}
        empty="No http.Agent or undici pool has been used."
      >
        {pools.map((p) => (
          <tr key={`${p.part} ${p.poolId} ${p.origin}`} className={p.queued > 0 ? 'row-alarm' : ''}>
            <PartCell part={p.part} />
            <td>
              {p.poolId}{' '}
              <span className="muted">
                {p.kind}
                {p.keepAlive ? ', keep-alive' : ''}
              </span>
            </td>
            <td>{p.origin}</td>
            <td className="num">{p.inUse}</td>
            <td className="num">{p.idle}</td>
            <td className="num">{p.queued}</td>
            <td className="num">{p.peakQueued}</td>
            <td className="num">{p.maxSockets ?? '∞'}</td>
            <td className="frame-cell">{p.createdAt?.[0] ? formatFrame(p.createdAt[0]) : '–'}</td>
          </tr>
        ))}
      </TablePanel>
      <PoolOriginCharts series={tables.poolSeries} />
      <TablePanel
        label="Sockets by peer"
        title="Sockets by peer (latest)"
        columns={columns(PEER_COLUMNS)}
        rowCount={peers.length}
        empty="No sockets open."
      >
        {peers.map((p) => (
          <tr key={`${p.part} ${p.side} ${p.peer}`}>
            <PartCell part={p.part} />
            <td>
              {p.peer} {p.tls && <span className="muted">TLS</span>}
            </td>
            <td>{p.side}</td>
            <td className="num">{p.connecting}</td>
            <td className="num">{p.open}</td>
            <td className="num">{p.idle}</td>
            <td className="num">{p.destroyedReferenced}</td>
          </tr>
        ))}
      </TablePanel>
      <TablePanel
        label="TLS per host"
        title="TLS handshakes per host"
        columns={columns(TLS_COLUMNS)}
        rowCount={tls.length}
        empty="No TLS handshake recorded (or the TLS collector was off)."
        after={
          pending.length > 0 && (
            <>
              <h3>Handshakes in progress</h3>
              <ul className="plain-list">
                {pending.map((p, i) => (
                  <li key={i}>
                    {p.part && `${p.part}: `}
                    {p.host} ({p.phase}) for {formatMs(p.ageMs)}{' '}
                    {p.frames[0] && <span className="muted">— {formatFrame(p.frames[0])}</span>}
                  </li>
                ))}
              </ul>
            </>
          )
        }
      >
        {tls.map((h) => (
          <tr key={`${h.part} ${h.side} ${h.host}`}>
            <PartCell part={h.part} />
            <td>{h.host}</td>
            <td>{h.side}</td>
            <td className="num">{h.completed}</td>
            <td className="num">{formatRatio(h.reuseRatio)}</td>
            <td className="num">{Object.values(h.errors).reduce((n, c) => n + c, 0)}</td>
            <td className="num">{formatMs(h.p50Ms)}</td>
            <td className="num">{formatMs(h.p99Ms)}</td>
            <td className="num">{formatMs(h.maxMs)}</td>
            <td className="num">{formatMs(h.connectP50Ms)}</td>
            <td className="frame-cell">{h.slowestFrames[0] ? formatFrame(h.slowestFrames[0]) : '–'}</td>
          </tr>
        ))}
      </TablePanel>
    </div>
  );
}
