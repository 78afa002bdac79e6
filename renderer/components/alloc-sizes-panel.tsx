/**
 * The Allocations view's size histogram: bytes per object-size bucket of the whole process, of the
 * selected call site, or of every call of its function (the switch shows once a node is selected), with
 * what of it stayed alive when both kinds of window were recorded.
 */
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { BUCKET_LABELS, type SizeHistogram } from '../../core/profile/alloc-histogram';
import { formatBytes, formatRatio } from '../view-models/format';
import type { AllocScope, ScopeSplit } from '../view-models/alloc-selection';
import { PALETTE } from './palette';
import { Segmented } from './segmented';

export interface AllocSizesPanelProps {
  histogram: SizeHistogram;
  /** The selected function's label; absent for the whole process. */
  functionLabel?: string;
  scope: AllocScope;
  onScope(scope: AllocScope): void;
  /** Allocated and still-alive bytes of the selection; absent without both kinds of window. */
  split?: ScopeSplit;
  /** Object sizes up to this many bytes are estimates; 0 when unknown. */
  estimatedBelowBytes: number;
  /** What the profile covers with nothing selected (default `whole process`; `all processes` merged). */
  whole?: string;
}

export function AllocSizesPanel(props: AllocSizesPanelProps) {
  const fn = props.functionLabel;
  const what =
    fn === undefined
      ? (props.whole ?? 'whole process')
      : props.scope === 'site'
        ? 'this call site'
        : `all calls of ${fn}`;
  const bars = BUCKET_LABELS.map((label, i) => ({
    label,
    bytes: props.histogram.bytes[i] ?? 0,
    samples: props.histogram.samples[i] ?? 0,
  }));
  return (
    <section className="panel" aria-label="Allocation sizes">
      <h2>
        Allocation sizes — {fn !== undefined && props.scope === 'site' ? `${fn}, ` : ''}
        {what}
      </h2>
      {fn !== undefined && (
        <Segmented
          label="Which calls"
          options={[
            { value: 'site', label: 'This call site' },
            { value: 'function', label: `All calls of ${fn}` },
          ]}
          value={props.scope}
          onChange={props.onScope}
        />
      )}
      {fn !== undefined && props.split && (
        <p>
          {props.scope === 'site' ? 'At this call site' : `In all calls of ${fn}`} (callees included):{' '}
          {formatBytes(props.split.allocatedBytes)} allocated, {formatBytes(props.split.aliveBytes)} still
          alive after GC ({formatRatio(props.split.aliveRatio)}).
        </p>
      )}
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
      {props.estimatedBelowBytes > 0 && (
        <p className="muted">
          Sizes below {formatBytes(props.estimatedBelowBytes)} are estimated from the sampling interval.
        </p>
      )}
    </section>
  );
}
