/**
 * Every finding with its evidence charts, frames and advice; a list on the left, the selected one on the
 * right. In a session of several processes or threads each says where it happened, and the picker's
 * choice filters them; a chosen part without findings says how many the others have.
 */
import { useApp } from '../bridge/bridge-context';
import { FindingCard, SeverityBadge } from '../components/finding-card';
import { Icon } from '../components/icon';
import { EmptyState } from '../components/states';
import {
  selectAllFindings,
  selectFindings,
  selectIsLive,
  selectPart,
  selectParts,
  selectSnapshots,
} from '../store/selectors';
import { countBySeverity, kindLabel } from '../view-models/findings-summary';
import { findingPlace, placeText } from '../view-models/part-picker';

/** One process chosen while others have findings too: say how many, and offer them. */
function ElsewhereNote(props: { label: string; own: number; others: number; onShowAll: () => void }) {
  return (
    <p className="part-note">
      <Icon name="info" />
      {props.own === 0
        ? `No findings in ${props.label}; ${props.others} in other processes or threads.`
        : `${props.others} more in other processes or threads.`}
      <button type="button" onClick={props.onShowAll}>
        <Icon name="layers" /> Show all
      </button>
    </p>
  );
}

export function FindingsView() {
  const findings = useApp(selectFindings);
  const everywhere = useApp((s) => selectAllFindings(s).length);
  const parts = useApp(selectParts);
  const part = useApp(selectPart);
  const choose = useApp((s) => s.choosePart);
  const hasData = useApp((s) => selectSnapshots(s).length > 0);
  const live = useApp(selectIsLive);
  const selected = useApp((s) => s.selectedFinding);
  const select = useApp((s) => s.selectFinding);
  const elsewhere =
    part && everywhere > findings.length ? (
      <ElsewhereNote
        label={part.label}
        own={findings.length}
        others={everywhere - findings.length}
        onShowAll={() => choose(null)}
      />
    ) : null;
  if (findings.length === 0 && elsewhere) return elsewhere;
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
  const placeOf = (i: number): string | undefined => {
    const place = findings[i] && findingPlace(findings[i], parts);
    return place ? placeText(place) : undefined;
  };
  return (
    <>
      {elsewhere}
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
                  <span className="muted">
                    {kindLabel(f.kind)}
                    {placeOf(i) && ` · ${placeOf(i)}`}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div className="split-detail">
          {current && <FindingCard key={index} finding={current} place={placeOf(index)} />}
        </div>
      </div>
    </>
  );
}
