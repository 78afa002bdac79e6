/** The Allocations view's "What holds it": the retainer tree of the sessions shown, or how to get one. */
import { useApp } from '../bridge/bridge-context';
import { RetainerTree } from '../components/retainer-tree';
import { EmptyState } from '../components/states';
import { selectIsLive, selectProfileSessions } from '../store/selectors';
import { heapGrowthOf } from '../view-models/retainer-tree';

export function RetainersPane() {
  const sessions = useApp(selectProfileSessions);
  const live = useApp(selectIsLive);
  const growth = heapGrowthOf(sessions);
  if (growth) return <RetainerTree growth={growth} />;
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
