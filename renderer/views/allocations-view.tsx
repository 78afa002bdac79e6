/**
 * Allocations: the sampling heap profile as a flame graph, switching between everything allocated and what
 * is still alive; the allocation-size histogram of the selected function (or the whole process); top sites.
 */
import { useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { allocHistograms, BUCKET_LABELS } from '../../core/profile/alloc-histogram';
import { layoutFlame } from '../../core/profile/flame-layout';
import type { FlameOrder } from '../../core/profile/flame-layout';
import { frameLabel, valueIndexOf } from '../../core/profile/profile-model';
import { topFunctions } from '../../core/profile/top';
import { useApp } from '../bridge/bridge-context';
import { FlameGraph } from '../components/flame-graph';
import { OrderSwitch } from '../components/order-switch';
import { PALETTE } from '../components/palette';
import { Segmented } from '../components/segmented';
import { EmptyState } from '../components/states';
import { TopTable } from '../components/top-table';
import { selectIsLive } from '../store/selectors';
import { formatBytes } from '../view-models/format';
import { allocModelOf, profilesOf } from '../view-models/profile-models';
import type { AllocMode } from '../view-models/profile-models';

const MODES = [
  { value: 'allocated', label: 'Allocated' },
  { value: 'alive', label: 'Still alive' },
] as const;

export function AllocationsView() {
  const session = useApp((s) => (selectIsLive(s) ? null : (s.opened?.session ?? null)));
  const live = useApp(selectIsLive);
  const [mode, setMode] = useState<AllocMode>('allocated');
  const [order, setOrder] = useState<FlameOrder>('alphabetical');
  const [selected, setSelected] = useState<number | null>(null);
  const [query, setQuery] = useState('');
  const profiles = useMemo(() => (session ? profilesOf(session) : null), [session]);
  const model = profiles ? allocModelOf(profiles, mode) : null;
  const valueIndex = model ? Math.max(0, valueIndexOf(model, 'space')) : 0;
  const layout = useMemo(
    () => (model ? layoutFlame(model, valueIndex, order) : null),
    [model, valueIndex, order],
  );
  const top = useMemo(() => (model ? topFunctions(model, valueIndex, 30) : []), [model, valueIndex]);
  const histograms = useMemo(() => (model ? allocHistograms(model) : null), [model]);
  const switcher = (
    <Segmented
      label="Which bytes"
      options={MODES}
      value={mode}
      onChange={(next) => {
        setMode(next);
        setSelected(null);
      }}
    />
  );

  if (!model || !layout || !histograms)
    return (
      <div className="profile-view">
        {session && <div className="flame-toolbar">{switcher}</div>}
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
  const histogram =
    (frameIndex !== null ? histograms.byFunction.get(frameIndex) : undefined) ?? histograms.process;
  const bars = BUCKET_LABELS.map((label, i) => ({
    label,
    bytes: histogram.bytes[i] ?? 0,
    samples: histogram.samples[i] ?? 0,
  }));
  const frame = frameIndex !== null ? model.frames[frameIndex] : undefined;
  return (
    <div className="profile-view">
      <div className="flame-toolbar">
        {switcher}
        <OrderSwitch order={order} onOrder={setOrder} />
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
        <section className="panel" aria-label="Allocation sizes">
          <h2>Allocation sizes — {frame ? frameLabel(frame) : 'whole process'}</h2>
          <div style={{ height: 200 }}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={bars} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.12} />
                <XAxis dataKey="label" stroke="currentColor" fontSize={10} interval={1} />
                <YAxis
                  width={64}
                  tickFormatter={(v: number) => formatBytes(v)}
                  stroke="currentColor"
                  fontSize={11}
                />
                <Tooltip
                  formatter={(v) => formatBytes(Number(v))}
                  contentStyle={{
                    background: 'var(--panel)',
                    border: '1px solid var(--border)',
                    color: 'var(--fg)',
                  }}
                />
                <Bar dataKey="bytes" name="bytes" fill={PALETTE.violet} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
          {histograms.estimatedBelowBytes > 0 && (
            <p className="muted">
              Sizes below {formatBytes(histograms.estimatedBelowBytes)} are estimated from the sampling
              interval.
            </p>
          )}
        </section>
        <section className="panel">
          <h2>Top allocating functions</h2>
          <TopTable rows={top} unit="bytes" caption="Top allocating functions" onPick={setQuery} />
        </section>
      </div>
    </div>
  );
}
