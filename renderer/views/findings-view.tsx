/** Every finding with its evidence charts, frames and advice; a list on the left, the selected one on the right. */
import { useApp } from '../bridge/bridge-context';
import { FindingCard, SeverityBadge } from '../components/finding-card';
import { EmptyState } from '../components/states';
import { selectFindings, selectIsLive, selectSnapshots } from '../store/selectors';
import { countBySeverity, kindLabel } from '../view-models/findings-summary';

export function FindingsView() {
  const findings = useApp(selectFindings);
  const hasData = useApp((s) => selectSnapshots(s).length > 0);
  const live = useApp(selectIsLive);
  const selected = useApp((s) => s.selectedFinding);
  const select = useApp((s) => s.selectFinding);
  if (findings.length === 0)
    return (
      <EmptyState icon="pass" title={hasData ? 'No findings' : 'No session yet'}>
        <p>
          {hasData
            ? live
              ? 'Nothing wrong so far; findings appear here as they are detected.'
              : 'This session looks healthy.'
            : 'Attach to a process or open a session file.'}
        </p>
      </EmptyState>
    );
  const counts = countBySeverity(findings);
  const index = selected !== null && selected < findings.length ? selected : 0;
  const current = findings[index];
  return (
    <div className="split">
      <nav className="finding-list" aria-label="Findings">
        <p className="muted">
          {counts.critical} critical · {counts.warning} warning · {counts.info} info
        </p>
        <ul>
          {findings.map((f, i) => (
            <li key={`${f.kind}-${i}`}>
              <button
                type="button"
                className={i === index ? 'selected' : ''}
                aria-current={i === index}
                onClick={() => select(i)}
              >
                <SeverityBadge severity={f.severity} />
                <span className="finding-list-title">{f.title}</span>
                <span className="muted">{kindLabel(f.kind)}</span>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <div className="split-detail">{current && <FindingCard key={index} finding={current} />}</div>
    </div>
  );
}
