/**
 * "Heap snapshots at start and end" in the Attach view's Recording panel: off by default, since each
 * snapshot pauses the service; the pause is said before the choice is made.
 */
import { snapshotPauseScale } from '../../core/retainers/snapshot-pause';
import { useApp } from '../bridge/bridge-context';

export function RetainersChoice() {
  const on = useApp((s) => s.retainersChoice);
  const setOn = useApp((s) => s.setRetainersChoice);
  return (
    <div className="retainers-choice">
      <label className="checkbox">
        <input type="checkbox" checked={on} onChange={(e) => setOn(e.currentTarget.checked)} />
        Find what holds leaking memory (heap snapshots at start and end)
      </label>
      <p className="muted">
        Each snapshot pauses the service while V8 writes it: {snapshotPauseScale()}. Not for a busy production
        heap of gigabytes. The session keeps what grew and what holds it, not the snapshots.
      </p>
    </div>
  );
}
