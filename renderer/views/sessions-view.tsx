/** Sessions: what is open, opening another, saving, exporting to every format, comparing with a base. */
import { useState } from 'react';
import type { ExportFormat, ExportProfileKind } from '../../core/bridge/contract';
import { isImportedSession } from '../../core/import/session-of-profiles';
import { sessionDurationMs } from '../../core/session/session';
import { useApp } from '../bridge/bridge-context';
import { deliverWriteResult } from '../components/deliver-download';
import { FlameDiffGraph } from '../components/flame-diff-graph';
import { Icon } from '../components/icon';
import { ProfileChanges } from '../components/profile-changes';
import { SessionFileInput } from '../components/session-file-input';
import { ErrorBanner, LoadingState } from '../components/states';
import { selectAllParts, selectIsLive, selectPart, selectParts } from '../store/selectors';
import { formatMs, formatValue } from '../view-models/format';
import { kindLabel } from '../view-models/findings-summary';
import { ringKeptLine } from '../view-models/ring-choice';

const EXPORTS: { format: ExportFormat; label: string; profile?: ExportProfileKind }[] = [
  { format: 'speedscope', label: 'speedscope (CPU)', profile: 'cpu' },
  { format: 'speedscope', label: 'speedscope (allocations)', profile: 'alloc' },
  { format: 'cpuprofile', label: '.cpuprofile (Chrome DevTools)', profile: 'cpu' },
  { format: 'heapprofile', label: '.heapprofile (Chrome DevTools)', profile: 'alloc' },
  { format: 'pprof', label: 'pprof (CPU)', profile: 'cpu' },
  { format: 'pprof', label: 'pprof (allocations)', profile: 'alloc' },
  { format: 'folded', label: 'folded stacks (CPU)', profile: 'cpu' },
  { format: 'pprof', label: 'pprof (promise chains)', profile: 'chains' },
  { format: 'html', label: 'HTML flame graph (CPU)', profile: 'cpu' },
  { format: 'svg', label: 'SVG flame graph (CPU)', profile: 'cpu' },
];

export function SessionsView() {
  const opened = useApp((s) => s.opened);
  const status = useApp((s) => s.sessionStatus);
  const error = useApp((s) => s.sessionError);
  const comparison = useApp((s) => s.comparison);
  const openSession = useApp((s) => s.openSession);
  const save = useApp((s) => s.saveSession);
  const exportSession = useApp((s) => s.exportSession);
  // In a session of several processes, exports follow the picker: the one chosen, or all merged.
  const part = useApp((s) =>
    selectIsLive(s) || selectAllParts(s) || selectParts(s).length <= 1 ? null : selectPart(s),
  );
  const compareWith = useApp((s) => s.compareWith);
  const imported = opened !== null && isImportedSession(opened.session);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <div className="sessions">
      <ErrorBanner message={error} />
      {notice && (
        <p className="notice" role="status">
          <Icon name="check" /> {notice}
        </p>
      )}
      {status === 'loading' && <LoadingState label="Reading the session…" />}
      <section className="panel">
        <h2>Open a session</h2>
        <SessionFileInput
          label="Open session"
          icon="folder-opened"
          onSource={(source) => void openSession(source)}
        />
      </section>
      {opened && (
        <section className="panel" aria-label="Current session">
          <h2>
            <Icon name="file" /> {opened.name}
          </h2>
          <dl className="facts">
            {imported ? (
              <>
                <dt>Imported</dt>
                <dd>
                  a profile from another tool: {opened.session.cpuProfiles.length} CPU and{' '}
                  {opened.session.allocProfiles.length} allocation profiles, no snapshots (Dashboard, Network
                  and Blocking chains have nothing to show)
                </dd>
              </>
            ) : (
              <>
                <dt>Target</dt>
                <dd>
                  pid {opened.session.header.target.pid}, Node {opened.session.header.target.nodeVersion} —{' '}
                  {opened.session.header.target.argv.join(' ')}
                </dd>
                <dt>Recorded</dt>
                <dd>
                  {new Date(opened.session.header.createdAt).toLocaleString()} for{' '}
                  {formatMs(sessionDurationMs(opened.session))}, {opened.session.snapshots.length} snapshots,{' '}
                  {opened.session.cpuProfiles.length} CPU and {opened.session.allocProfiles.length} allocation
                  profiles
                </dd>
                {opened.session.header.ring && (
                  <>
                    <dt>Ring</dt>
                    <dd>
                      {ringKeptLine(opened.session.header.ring)}{' '}
                      {new Date(opened.session.header.ring.recordingStartedAt).toLocaleString()}
                    </dd>
                  </>
                )}
                <dt>Ended</dt>
                <dd>
                  {opened.session.end
                    ? opened.session.end.reason
                    : opened.session.header.ring
                      ? 'not yet: saved while the ring recording went on'
                      : opened.session.truncated
                        ? 'cut off (the recorder was killed?)'
                        : 'no end record'}
                </dd>
              </>
            )}
            {opened.path && (
              <>
                <dt>File</dt>
                <dd>
                  <code>{opened.path}</code>
                </dd>
              </>
            )}
          </dl>
          {opened.session.warnings.map((w) => (
            <p key={w} className="warning-line">
              <Icon name="warning" /> {w}
            </p>
          ))}
          {/* Save writes the file as it was read: an imported profile is saved by exporting it. */}
          {!imported && (
            <div className="button-row">
              <button type="button" onClick={() => void save().then((r) => setNotice(deliverWriteResult(r)))}>
                <Icon name="save" /> Save
              </button>
            </div>
          )}
          <h3>Export</h3>
          {part && (
            <p className="part-note">
              <Icon name="server-process" /> Exports {part.label} alone; pick All (combined) for every process
              merged.
            </p>
          )}
          <div className="button-row">
            {EXPORTS.map((e) => (
              <button
                type="button"
                key={e.label}
                onClick={() =>
                  void exportSession(e.format, e.profile, part?.id).then((r) =>
                    setNotice(deliverWriteResult(r)),
                  )
                }
              >
                <Icon name="export" /> {e.label}
              </button>
            ))}
          </div>
          <h3>Compare with a base session</h3>
          <SessionFileInput label="Diff with" icon="diff" onSource={(source) => void compareWith(source)} />
        </section>
      )}
      {comparison && (
        <section className="panel" aria-label="Comparison">
          <h2>
            <Icon name="diff" /> {comparison.baseName} → {comparison.currentName}
          </h2>
          <table className="data-table">
            <thead>
              <tr>
                <th>Figure</th>
                <th className="num">Base</th>
                <th className="num">This session</th>
                <th className="num">Change</th>
              </tr>
            </thead>
            <tbody>
              {comparison.rows.map((row) => (
                <tr key={row.metric}>
                  <td>{row.metric}</td>
                  <td className="num">{formatValue(row.base, row.unit)}</td>
                  <td className="num">{formatValue(row.current, row.unit)}</td>
                  <td className="num">
                    {row.base !== null && row.current !== null ? formatChange(row.base, row.current) : '–'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Profiles</h3>
          {comparison.cpuFlame && <FlameDiffGraph diff={comparison.cpuFlame} />}
          <ProfileChanges profiles={comparison.profiles} />
          <h3>Findings</h3>
          {comparison.findings.length === 0 ? (
            <p className="muted">No findings in either session.</p>
          ) : (
            <table className="data-table">
              <thead>
                <tr>
                  <th>Kind</th>
                  <th>Base</th>
                  <th>This session</th>
                </tr>
              </thead>
              <tbody>
                {comparison.findings.map((f) => (
                  <tr key={f.kind}>
                    <td>{kindLabel(f.kind)}</td>
                    <td>{f.base ?? 'none'}</td>
                    <td>{f.current ?? 'gone'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </div>
  );
}

function formatChange(base: number, current: number): string {
  if (base === 0) return current === 0 ? '0%' : 'new';
  const pct = ((current - base) / Math.abs(base)) * 100;
  return `${pct >= 0 ? '+' : ''}${pct.toFixed(0)}%`;
}
