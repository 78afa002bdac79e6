/**
 * CPU: the CPU profile (all windows) of the chosen process or thread, or of all of a session's merged, as
 * a flame graph, and the top functions by self time.
 */
import { useMemo, useState } from 'react';
import { layoutFlame } from '../../core/profile/flame-layout';
import type { FlameOrder } from '../../core/profile/flame-layout';
import { valueIndexOf } from '../../core/profile/profile-model';
import { useApp } from '../bridge/bridge-context';
import { FlameGraph } from '../components/flame-graph';
import { EmptyState } from '../components/states';
import { TopTable } from '../components/top-table';
import { selectAllPartsCount, selectIsLive, selectProfileSessions, selectProfiles } from '../store/selectors';
import { hyperscopeCostOf } from '../view-models/hyperscope-cost';
import { cpuTopFunctions, windowsNote } from '../view-models/profile-models';
import { OrderSwitch } from '../components/order-switch';

export function CpuView() {
  const profiles = useApp(selectProfiles);
  const sessions = useApp(selectProfileSessions);
  const parts = useApp(selectAllPartsCount);
  const live = useApp(selectIsLive);
  const [order, setOrder] = useState<FlameOrder>('alphabetical');
  const [selected, setSelected] = useState<number | null>(null);
  const [query, setQuery] = useState('');
  const model = profiles?.cpu ?? null;
  const valueIndex = model ? Math.max(0, valueIndexOf(model, 'time')) : 0;
  const layout = useMemo(
    () => (model ? layoutFlame(model, valueIndex, order) : null),
    [model, valueIndex, order],
  );
  const top = useMemo(() => (model ? cpuTopFunctions(model, valueIndex, 40) : []), [model, valueIndex]);
  const ownCost = useMemo(() => hyperscopeCostOf(sessions), [sessions]);
  if (!model || !layout)
    return (
      <EmptyState
        icon="flame"
        title={live ? 'The CPU profile appears when the recording stops' : 'No CPU profile in this session'}
      >
        {!live && <p>Record with the CPU profiler on (the default) to see where time goes.</p>}
      </EmptyState>
    );
  const unit = model.valueTypes[valueIndex]?.unit ?? '';
  return (
    <div className="profile-view">
      <div className="flame-toolbar">
        <OrderSwitch order={order} onOrder={setOrder} />
        <span className="muted">{windowsNote(sessions, 'cpu', parts)}</span>
      </div>
      <FlameGraph
        key={`${order}`}
        layout={layout}
        selected={selected}
        onSelect={setSelected}
        query={query}
        onQuery={setQuery}
      />
      <section className="panel">
        <h2>Top functions by self time</h2>
        {ownCost && (
          <p className="muted">
            {ownCost}; left out of this table, whose shares are of the service&apos;s own busy time.
          </p>
        )}
        <TopTable rows={top} unit={unit} caption="Top functions by self time" onPick={setQuery} />
      </section>
    </div>
  );
}
