/** The header's "Save last N min" while a ring recording runs: writes the ring now, the recording goes on. */
import { useApp } from '../bridge/bridge-context';
import { ringControlsOf } from '../view-models/ring-choice';
import { Icon } from './icon';

export function RingSaveButton(props: { ringMs: number }) {
  const saving = useApp((s) => s.ringSaves.saving);
  const saveRing = useApp((s) => s.saveRing);
  const words = ringControlsOf(props.ringMs);
  return (
    <button type="button" title={words.saveTitle} disabled={saving} onClick={() => void saveRing()}>
      <Icon name={saving ? 'loading' : 'save'} spin={saving} /> {words.saveLabel}
    </button>
  );
}
