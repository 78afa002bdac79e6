/**
 * The process/thread picker, under the header of a session of several processes or threads: "All
 * (combined)" and one choice per part with its pid and thread, its critical and warning findings, and
 * whether it ended early — every part in sight, so a worker with findings is never hidden behind an idle
 * primary. Absent for a one-process session.
 */
import { useMemo } from 'react';
import { useApp } from '../bridge/bridge-context';
import { selectAllFindings, selectParts, selectStartTime } from '../store/selectors';
import { partChoices, type PartChoice } from '../view-models/part-picker';
import { Icon } from './icon';

function Choice({ choice, onChoose }: { choice: PartChoice; onChoose: () => void }) {
  const counts = [
    choice.critical > 0 && `${choice.critical} critical`,
    choice.warning > 0 && `${choice.warning} warning`,
  ].filter(Boolean);
  return (
    <button
      type="button"
      role="radio"
      aria-checked={choice.selected}
      className={`part-choice${choice.selected ? ' selected' : ''}`}
      title={[choice.label, choice.detail, ...counts, choice.ended ?? ''].filter(Boolean).join(' · ')}
      onClick={onChoose}
    >
      <Icon name={choice.icon} />
      <span className="part-label">{choice.label}</span>
      {choice.id !== null && choice.detail && <span className="part-detail">{choice.detail}</span>}
      {choice.critical > 0 && (
        <span className="part-count severity-critical">
          <Icon name="error" label="critical findings" />
          {choice.critical}
        </span>
      )}
      {choice.warning > 0 && (
        <span className="part-count severity-warning">
          <Icon name="warning" label="warning findings" />
          {choice.warning}
        </span>
      )}
      {choice.ended && (
        <span className="part-ended">
          <Icon name="circle-slash" /> {choice.ended}
        </span>
      )}
    </button>
  );
}

export function PartPicker() {
  const parts = useApp(selectParts);
  const findings = useApp(selectAllFindings);
  const chosen = useApp((s) => s.part);
  const choose = useApp((s) => s.choosePart);
  const startTime = useApp(selectStartTime);
  const choices = useMemo(
    () => partChoices(parts, findings, chosen, startTime),
    [parts, findings, chosen, startTime],
  );
  if (choices.length === 0) return null;
  return (
    <div className="part-picker" role="radiogroup" aria-label="Process or thread">
      {choices.map((choice) => (
        <Choice key={choice.id ?? 'all'} choice={choice} onChoose={() => choose(choice.id)} />
      ))}
    </div>
  );
}
