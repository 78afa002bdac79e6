/** Record / stop / mark, and the recorder's state, in the header. */
import { useApp } from '../bridge/bridge-context';
import { Icon } from './icon';

export function RecordingControls() {
  const recording = useApp((s) => s.recording);
  const liveError = useApp((s) => s.liveError);
  const count = useApp((s) => s.liveSnapshots.length);
  const start = useApp((s) => s.startRecording);
  const stop = useApp((s) => s.stopRecording);
  const mark = useApp((s) => s.mark);
  const detach = useApp((s) => s.detach);
  const marks = useApp((s) => s.liveMarks.length);
  const { phase } = recording;
  const others = recording.sources.filter((source) => source.ended === null).length;
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
          {others > 0 && (
            <span className="muted" title={recording.sources.map((s) => s.label).join(', ')}>
              {' '}
              · and {others} {others === 1 ? 'process or thread' : 'processes and threads'}
            </span>
          )}
        </span>
      )}
      {phase === 'attached' && (
        <>
          <span className="muted">Attached to {recording.target?.label}</span>
          <button type="button" onClick={() => void start()}>
            <Icon name="record" /> Record
          </button>
          <button type="button" onClick={() => void detach()}>
            <Icon name="debug-disconnect" /> Detach
          </button>
        </>
      )}
      {(phase === 'recording' || phase === 'stopping') && (
        <>
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
