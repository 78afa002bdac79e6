/** Network: connection pools per origin, sockets per peer, and TLS handshakes per host. */
import { useMemo } from 'react';
import { formatFrame } from '../../core/frame';
import { readTlsSection } from '../../core/network/tls-section';
import { useApp } from '../bridge/bridge-context';
import { EmptyState } from '../components/states';
import { selectSnapshots, selectStartTime } from '../store/selectors';
import { formatMs, formatRatio } from '../view-models/format';
import { peerRows, poolRows, tlsHostRows } from '../view-models/network-tables';

export function NetworkView() {
  const snapshots = useApp(selectSnapshots);
  const pools = useMemo(() => poolRows(snapshots), [snapshots]);
  const peers = useMemo(() => peerRows(snapshots), [snapshots]);
  const startTime = useApp(selectStartTime);
  const tls = useMemo(() => tlsHostRows(snapshots, startTime), [snapshots, startTime]);
  const last = snapshots.at(-1);
  const pending = last ? (readTlsSection(last)?.pending ?? []) : [];
  if (!last) return <EmptyState icon="globe" title="No network data yet" />;
  return (
    <div className="network">
      <section className="panel" aria-label="Connection pools">
        <h2>Connection pools ({pools.length})</h2>
        {pools.length === 0 ? (
          <p className="muted">No http.Agent or undici pool has been used.</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th>Pool</th>
                <th>Origin</th>
                <th className="num">In use</th>
                <th className="num">Idle</th>
                <th className="num">Queued</th>
                <th className="num">Peak queued</th>
                <th className="num">Limit</th>
                <th>Created at</th>
              </tr>
            </thead>
            <tbody>
              {pools.map((p) => (
                <tr key={`${p.poolId} ${p.origin}`} className={p.queued > 0 ? 'row-alarm' : ''}>
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
            </tbody>
          </table>
        )}
      </section>
      <section className="panel" aria-label="Sockets by peer">
        <h2>Sockets by peer (latest)</h2>
        {peers.length === 0 ? (
          <p className="muted">No sockets open.</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th>Peer</th>
                <th>Side</th>
                <th className="num">Connecting</th>
                <th className="num">Open</th>
                <th className="num">Idle</th>
                <th className="num">Destroyed, referenced</th>
              </tr>
            </thead>
            <tbody>
              {peers.map((p) => (
                <tr key={`${p.side} ${p.peer}`}>
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
            </tbody>
          </table>
        )}
      </section>
      <section className="panel" aria-label="TLS per host">
        <h2>TLS handshakes per host</h2>
        {tls.length === 0 ? (
          <p className="muted">No TLS handshake recorded (or the TLS collector was off).</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th>Host</th>
                <th>Side</th>
                <th className="num">Completed</th>
                <th className="num">Resumed</th>
                <th className="num">Failed</th>
                <th className="num">p50</th>
                <th className="num">p99</th>
                <th className="num">Max</th>
                <th className="num">TCP connect p50</th>
                <th>Slowest started at</th>
              </tr>
            </thead>
            <tbody>
              {tls.map((h) => (
                <tr key={`${h.side} ${h.host}`}>
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
            </tbody>
          </table>
        )}
        {pending.length > 0 && (
          <>
            <h3>Handshakes in progress</h3>
            <ul className="plain-list">
              {pending.map((p, i) => (
                <li key={i}>
                  {p.host} ({p.phase}) for {formatMs(p.ageMs)}{' '}
                  {p.frames[0] && <span className="muted">— {formatFrame(p.frames[0])}</span>}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}
