/** The Allocations view's "What holds it": the retainer tree of the sessions shown, or how to get one. */
import { useApp } from '../bridge/bridge-context';
import { RetainerTree } from '../components/retainer-tree';
import { EmptyState } from '../components/states';
import { selectIsLive, selectProfileSessions, selectProfiles } from '../store/selectors';
import { fileLabel } from '../../core/profile/data-url-module';
import { frameLabel, valueIndexOf, type ProfileModel } from '../../core/profile/profile-model';
import { formatBytes } from '../../core/units/bytes';
import { allocTopFunctions } from '../view-models/profile-models';
import { heapGrowthOf } from '../view-models/retainer-tree';

export function RetainersPane() {
  const sessions = useApp(selectProfileSessions);
  const profiles = useApp(selectProfiles);
  const live = useApp(selectIsLive);
  const growth = heapGrowthOf(sessions);
  if (growth)
    return (
      <>
        <RetainerTree growth={growth} />
        <AllocatedBy model={profiles?.alive ?? null} />
      </>
    );
  return (
    <EmptyState
      icon="references"
      title={
        live ? 'What holds the memory appears when the recording stops' : 'No heap snapshots in this session'
      }
    >
      {!live && (
        <p>
          Record with “Find what holds leaking memory” on (the Attach view) or <code>record --retainers</code>
          : heap snapshots at the start and the end name the objects that hold what grew.
        </p>
      )}
    </EmptyState>
  );
}

/**
 * Beside what holds the growth, what made it: the functions that allocated the bytes still alive after
 * GC in the same recording's sampling (joined by time, not object by object; the snapshots do not say).
 */
function AllocatedBy(props: { model: ProfileModel | null }) {
  const { model } = props;
  if (!model) return null;
  const rows = allocTopFunctions(model, Math.max(0, valueIndexOf(model, 'space')), 5, 'alive').filter(
    (row) => row.flatPercent >= 5,
  );
  if (rows.length === 0) return null;
  return (
    <section className="panel" aria-label="Allocated by">
      <h2>Allocated by (sampled: bytes still alive after GC)</h2>
      <ul className="allocated-by">
        {rows.map((row) => (
          <li key={row.frameIndex}>
            <strong>{frameLabel(row.frame)}</strong>{' '}
            <span className="muted">
              {row.frame.url ? `${fileLabel(row.frame.url)}:${row.frame.line}` : ''} ·{' '}
              {row.flatPercent.toFixed(0)}%, {formatBytes(row.flat)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
