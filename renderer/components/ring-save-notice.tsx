/**
 * Above every view once a ring was saved: how much it kept, where the file is (the whole path, to find it
 * from a shell), and a button that opens it; or why the save failed.
 */
import { useApp } from '../bridge/bridge-context';
import { ringSavedLine } from '../view-models/ring-choice';
import { Icon } from './icon';
import { ErrorBanner } from './states';

export function RingSaveNotice() {
  const { saved, error } = useApp((s) => s.ringSaves);
  const open = useApp((s) => s.openSavedRing);
  const dismiss = useApp((s) => s.dismissRingSave);
  if (!saved && !error) return null;
  return (
    <>
      <ErrorBanner message={error} onDismiss={dismiss} />
      {saved && (
        <div className="ring-saved" role="status" aria-label="Saved ring">
          <Icon name="check" />
          <span>
            {ringSavedLine(saved)} <code>{saved.path}</code>
          </span>
          <button type="button" onClick={() => void open()}>
            <Icon name="go-to-file" /> Open
          </button>
          <button type="button" className="icon-button" onClick={dismiss} aria-label="Dismiss">
            <Icon name="close" />
          </button>
        </div>
      )}
    </>
  );
}
