/**
 * Allocations: the sampling heap profile as a flame graph, switching between everything allocated and what
 * is still alive; the allocation-size histogram of the selected call site, of every call of its function,
 * or of the whole process; the process's allocation rate window by window; top functions. Of the chosen
 * process or thread, or of all of a session's merged.
 */
import { useMemo, useState } from 'react';
import { allocHistograms } from '../../core/profile/alloc-histogram';
import { splitAllocatedRetained } from '../../core/profile/allocated-retained';
import { layoutFlame } from '../../core/profile/flame-layout';
import type { FlameOrder } from '../../core/profile/flame-layout';
import { frameLabel, valueIndexOf } from '../../core/profile/profile-model';
import { useApp } from '../bridge/bridge-context';
import { AllocSizesPanel } from '../components/alloc-sizes-panel';
import { FlameGraph } from '../components/flame-graph';
import { OrderSwitch } from '../components/order-switch';
import { Segmented } from '../components/segmented';
import { AllocRateChart } from './alloc-rate-chart';
import { RetainersPane } from './retainers-pane';
import { heapGrowthOf } from '../view-models/retainer-tree';
import { EmptyState } from '../components/states';
import { TopTable } from '../components/top-table';
import { selectAllPartsCount, selectIsLive, selectProfileSessions, selectProfiles } from '../store/selectors';
import { scopeHistogram, scopeSplit, type AllocScope } from '../view-models/alloc-selection';
import { hyperscopeCostOf } from '../view-models/hyperscope-cost';
import { allocModelOf, allocTopFunctions, windowsNote } from '../view-models/profile-models';
import type { AllocMode } from '../view-models/profile-models';

const MODES = [
  { value: 'allocated', label: 'Allocated' },
  { value: 'alive', label: 'Still alive' },
  { value: 'retainers', label: 'What holds it' },
] as const;

/** The flame graph of one kind of bytes, or the heap snapshots' retainer tree. */
type ViewMode = AllocMode | 'retainers';

export function AllocationsView() {
  const profiles = useApp(selectProfiles);
  const sessions = useApp(selectProfileSessions);
  const parts = useApp(selectAllPartsCount);
  const live = useApp(selectIsLive);
  const [viewMode, setMode] = useState<ViewMode>('allocated');
  const mode: AllocMode = viewMode === 'retainers' ? 'alive' : viewMode;
  const [order, setOrder] = useState<FlameOrder>('alphabetical');
  const [selected, setSelected] = useState<number | null>(null);
  const [scope, setScope] = useState<AllocScope>('site');
  const [query, setQuery] = useState('');
  const model = profiles ? allocModelOf(profiles, mode) : null;
  const valueIndex = model ? Math.max(0, valueIndexOf(model, 'space')) : 0;
  const layout = useMemo(
    () => (model ? layoutFlame(model, valueIndex, order) : null),
    [model, valueIndex, order],
  );
  const top = useMemo(
    () => (model ? allocTopFunctions(model, valueIndex, 30, mode) : []),
    [model, valueIndex, mode],
  );
  const ownCost = useMemo(() => hyperscopeCostOf(sessions), [sessions]);
  const histograms = useMemo(() => (model ? allocHistograms(model) : null), [model]);
  const allocatedRetained = useMemo(
    () =>
      profiles?.allocated && profiles.alive
        ? splitAllocatedRetained(profiles.allocated, profiles.alive)
        : null,
    [profiles],
  );
  // Once per selection: both walk the tree or every site's stack, and typing a search re-renders the view.
  const histogram = useMemo(
    () =>
      model && histograms && selected !== null
        ? scopeHistogram(model, histograms, selected, scope)
        : histograms?.process,
    [model, histograms, selected, scope],
  );
  const split = useMemo(
    () =>
      model && selected !== null && allocatedRetained
        ? scopeSplit(allocatedRetained, model, selected, scope)
        : undefined,
    [model, allocatedRetained, selected, scope],
  );
  const switcher = (
    <Segmented
      label="Which bytes"
      options={MODES}
      value={viewMode}
      onChange={(next) => {
        setMode(next);
        setSelected(null);
      }}
    />
  );

  if (viewMode === 'retainers')
    return (
      <div className="profile-view">
        <div className="flame-toolbar">{switcher}</div>
        <RetainersPane />
      </div>
    );
  if (!model || !layout || !histograms || !histogram)
    return (
      <div className="profile-view">
        {(profiles || heapGrowthOf(sessions)) && <div className="flame-toolbar">{switcher}</div>}
        <EmptyState
          icon="database"
          title={
            live
              ? 'Allocation profiles appear when the recording stops'
              : `No ${mode === 'alive' ? 'still-alive' : 'allocation'} sampling in this session`
          }
        >
          {!live && (
            <p>
              Record with the heap profiler on (the default): windows alternate between all allocations and
              what stays alive.
            </p>
          )}
        </EmptyState>
      </div>
    );
  const frameIndex = selected === null ? null : (model.nodes.frame[selected] ?? null);
  const frame = frameIndex !== null ? model.frames[frameIndex] : undefined;
  const topTitle = mode === 'alive' ? 'Top functions by bytes still alive' : 'Top allocating functions';
  return (
    <div className="profile-view">
      <div className="flame-toolbar">
        {switcher}
        <OrderSwitch order={order} onOrder={setOrder} />
        <span className="muted">{windowsNote(sessions, 'alloc', parts)}</span>
      </div>
      <FlameGraph
        key={`${mode}-${order}`}
        layout={layout}
        selected={selected}
        onSelect={setSelected}
        query={query}
        onQuery={setQuery}
      />
      <div className="profile-columns">
        <div style={{ display: 'grid', gap: 12 }}>
          <AllocSizesPanel
            whole={parts ? `all ${parts}` : undefined}
            histogram={histogram}
            functionLabel={frame ? frameLabel(frame) : undefined}
            scope={scope}
            onScope={setScope}
            split={split}
            estimatedBelowBytes={histograms.estimatedBelowBytes}
          />
          <AllocRateChart />
        </div>
        <section className="panel">
          <h2>{topTitle}</h2>
          {ownCost && (
            <p className="muted">
              {ownCost}; left out of this table, whose shares are of the service&apos;s own bytes.
            </p>
          )}
          <TopTable rows={top} unit="bytes" caption={topTitle} onPick={setQuery} />
        </section>
      </div>
    </div>
  );
}
