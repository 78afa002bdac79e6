/** Record / stop / mark, and the recorder's state, in the header. */
import { useApp } from '../bridge/bridge-context';
import { countParts } from '../view-models/part-picker';
import { ringControlsOf, ringRequestOf } from '../view-models/ring-choice';
import { Icon } from './icon';
import { RingSaveButton } from './ring-save-button';
import { HeapSnapshotButton } from './heap-snapshot-button';

export function RecordingControls() {
  const recording = useApp((s) => s.recording);
  const liveError = useApp((s) => s.liveError);
  const count = useApp((s) => s.liveSnapshots.length);
  const start = useApp((s) => s.startRecording);
  const stop = useApp((s) => s.stopRecording);
  const mark = useApp((s) => s.mark);
  const detach = useApp((s) => s.detach);
  const marks = useApp((s) => s.liveMarks.length);
  // What Record will keep (the Attach view's choice), said on the button before it is pressed.
  const nextRingMs = useApp((s) => ringRequestOf(s.ringChoice).ringMs);
  const { phase } = recording;
  const recorded = recording.sources.filter((source) => source.ended === null);
  // `2 processes`, `1 process, 2 threads`: what else is recorded beside the target.
  const others = recorded.length > 0 ? countParts(recorded) : null;
  return (
    <div className="recording-controls">
      {liveError && (
        <span className="recording-error" role="alert" title={liveError}>
          <Icon name="error" /> {liveError}
        </span>
      )}
      {phase === 'recording' && (
        <span className="recording-live" role="status">
          <span className="rec-dot" aria-hidden="true" /> Recording {recording.target?.label} · {count}{' '}
          snapshots
          {others && (
            <span className="muted" title={recording.sources.map((s) => s.label).join(', ')}>
              {' '}
              · and {others}
            </span>
          )}
          {recording.ringMs !== null && (
            <span className="muted"> · {ringControlsOf(recording.ringMs).status}</span>
          )}
        </span>
      )}
      {phase === 'attached' && (
        <>
          <span className="muted">Attached to {recording.target?.label}</span>
          <button
            type="button"
            title={nextRingMs !== null ? ringControlsOf(nextRingMs).recordTitle : undefined}
            onClick={() => void start()}
          >
            <Icon name="record" /> Record
          </button>
          <button type="button" onClick={() => void detach()}>
            <Icon name="debug-disconnect" /> Detach
          </button>
        </>
      )}
      {(phase === 'recording' || phase === 'stopping') && (
        <>
          {recording.ringMs !== null && phase === 'recording' && <RingSaveButton ringMs={recording.ringMs} />}
          {recording.retainers && phase === 'recording' && <HeapSnapshotButton />}
          <button type="button" onClick={() => void mark(`mark ${marks + 1}`)}>
            <Icon name="bookmark" /> Mark
          </button>
          <button
            type="button"
            className="danger"
            disabled={phase === 'stopping'}
            onClick={() => void stop()}
          >
            <Icon name="debug-stop" /> Stop
          </button>
        </>
      )}
    </div>
  );
}
