/**
 * The header's "Heap snapshot" while a recording with retainers runs: compares the heap now with the
 * recording's first snapshot. Its title says how long the service will pause, from its heap in use.
 */
import { snapshotPauseText } from '../../core/retainers/snapshot-pause';
import { useApp } from '../bridge/bridge-context';
import { Icon } from './icon';

export function HeapSnapshotButton() {
  const taking = useApp((s) => s.heapSnapshot.taking);
  const take = useApp((s) => s.takeHeapSnapshot);
  const heapUsed = useApp((s) => s.liveSnapshots.at(-1)?.memory.heapUsed);
  const pause = heapUsed === undefined ? 'while V8 writes it' : `${snapshotPauseText(heapUsed)}`;
  return (
    <button
      type="button"
      title={`Compare the heap now with the first snapshot; pauses the service ${pause}`}
      disabled={taking}
      onClick={() => void take()}
    >
      <Icon name={taking ? 'loading' : 'references'} spin={taking} /> Heap snapshot
    </button>
  );
}
