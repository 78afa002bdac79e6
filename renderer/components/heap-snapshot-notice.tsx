/** Above every view once a heap snapshot was asked for: what grew since the first and what holds it. */
import { formatBytes } from '../../core/units/bytes';
import { useApp } from '../bridge/bridge-context';
import { Icon } from './icon';
import { ErrorBanner } from './states';

export function HeapSnapshotNotice() {
  const { taken, error } = useApp((s) => s.heapSnapshot);
  const dismiss = useApp((s) => s.dismissHeapSnapshot);
  if (!taken && !error) return null;
  return (
    <>
      <ErrorBanner message={error} onDismiss={dismiss} />
      {taken && (
        <div className="ring-saved" role="status" aria-label="Heap snapshot">
          <Icon name="references" />
          <span>
            Heap snapshot (paused {taken.pauseMs} ms): the heap {taken.grewBytes >= 0 ? 'grew' : 'shrank'}{' '}
            {formatBytes(Math.abs(taken.grewBytes))} since the first.{' '}
            {taken.topHolder ? `Most of it is held by ${taken.topHolder}.` : 'Nothing holds much of it.'} The
            Allocations view shows it when the recording stops.
          </span>
          <button type="button" className="icon-button" onClick={dismiss} aria-label="Dismiss">
            <Icon name="close" />
          </button>
        </div>
      )}
    </>
  );
}
