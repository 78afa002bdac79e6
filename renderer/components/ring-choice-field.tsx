/**
 * "Keep only the last … minutes" in the Attach view: off by default; when on, every recording started from
 * the app is a ring recording (`record --ring` on the command line).
 */
import { useApp } from '../bridge/bridge-context';
import { ringRequestOf } from '../view-models/ring-choice';
import { Icon } from './icon';
import { RetainersChoice } from './retainers-choice';

export function RingChoiceField() {
  const choice = useApp((s) => s.ringChoice);
  const setChoice = useApp((s) => s.setRingChoice);
  const { error } = ringRequestOf(choice);
  return (
    <section className="panel" aria-labelledby="ring-heading">
      <h2 id="ring-heading">
        <Icon name="history" /> Recording
      </h2>
      <div className="ring-choice">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={choice.on}
            onChange={(e) => setChoice({ ...choice, on: e.currentTarget.checked })}
          />
          Keep only the last
        </label>
        <input
          type="text"
          inputMode="decimal"
          className="ring-minutes"
          aria-label="Minutes to keep"
          aria-invalid={error !== null}
          disabled={!choice.on}
          value={choice.minutes}
          onChange={(e) => setChoice({ ...choice, minutes: e.currentTarget.value })}
        />
        <span>{choice.minutes.trim() === '1' ? 'minute' : 'minutes'}</span>
      </div>
      {error !== null && <p className="field-error">{error}</p>}
      <p className="muted">
        {choice.on
          ? 'Older data is dropped as the recording goes on. Save the last minutes when something happens; Stop saves them too.'
          : 'Off: the recording keeps everything from start to stop.'}
      </p>
      <RetainersChoice />
    </section>
  );
}
