/**
 * A small time-series chart (recharts): x is seconds since the start, one line or stacked area per series.
 * Animations are off: live data arrives every second and must not wobble. The user's marks are labelled
 * vertical lines; a mark past the last point widens the axis so that one just set shows at once. A sparse
 * series (one point per profile window, or a single point) gets a dot on each point: a line alone would
 * hide a single point and make a few look continuous.
 */
import {
  Area,
  AreaChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { markLabelSide } from '../view-models/chart-marks';
import type { ChartMark } from '../view-models/chart-marks';
import { formatAxisValue, formatSeconds, formatValue } from '../view-models/format';
import { isSparseSeries } from '../view-models/sparse-series';
import { PALETTE } from './palette';

export interface SeriesSpec<T> {
  key: keyof T & string;
  name: string;
  color: string;
  dashed?: boolean;
}

export function TimeChart<T extends { t: number }>(props: {
  title: string;
  unit: string;
  data: readonly T[];
  series: SeriesSpec<T>[];
  stacked?: boolean;
  height?: number;
  marks?: readonly ChartMark[];
}) {
  const format = (v: unknown): string => (typeof v === 'number' ? formatValue(v, props.unit) : String(v));
  // recharts types data keys per row type; the spec's keys are already checked against T above.
  const common = {
    data: props.data as unknown as Record<string, unknown>[],
    margin: { top: 4, right: 12, bottom: 0, left: 0 },
  };
  const marks = props.marks ?? [];
  // The axis' span, which side a mark's label goes: only with marks, and without copying every point
  // into one argument list (a live chart re-renders each second, a long recording has many points).
  let [from, to] = [Infinity, -Infinity];
  if (marks.length > 0)
    for (const rows of [props.data, marks])
      for (const { t } of rows) [from, to] = [Math.min(from, t), Math.max(to, t)];
  const axes = [
    <CartesianGrid key="grid" strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.12} />,
    <XAxis
      key="x"
      dataKey="t"
      type="number"
      domain={['dataMin', 'dataMax']}
      tickFormatter={formatSeconds}
      stroke="currentColor"
      fontSize={11}
    />,
    <YAxis
      key="y"
      width={64}
      tickFormatter={(v: number) => formatAxisValue(v, props.unit)}
      stroke="currentColor"
      fontSize={11}
      allowDecimals={false}
    />,
    <Tooltip
      key="tip"
      formatter={(v) => format(v)}
      labelFormatter={(t) => `${formatSeconds(Number(t))} since start`}
      contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)', color: 'var(--fg)' }}
    />,
    <Legend key="legend" iconSize={8} wrapperStyle={{ fontSize: 11 }} />,
    ...marks.map((mark, i) => (
      <ReferenceLine
        key={`mark-${i}`}
        x={mark.t}
        ifOverflow="extendDomain"
        stroke={PALETTE.amber}
        strokeDasharray="2 2"
        label={{
          value: mark.label,
          position:
            // On a vertical line, recharts' insideTopRight puts the text left of it, insideTopLeft right of it.
            markLabelSide(mark.t, from, to) === 'left' ? 'insideTopRight' : 'insideTopLeft',
          fontSize: 10,
          fill: 'currentColor',
        }}
      />
    )),
  ];
  return (
    <figure className="chart-card">
      <figcaption>{props.title}</figcaption>
      <div className="chart-body" style={{ height: props.height ?? 160 }}>
        {props.data.length === 0 ? (
          <div className="chart-empty">No data yet</div>
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            {props.stacked ? (
              <AreaChart {...common}>
                {axes}
                {props.series.map((s) => (
                  <Area
                    key={s.key}
                    dataKey={s.key as string}
                    name={s.name}
                    stackId="1"
                    stroke={s.color}
                    fill={s.color}
                    fillOpacity={0.35}
                    isAnimationActive={false}
                    type="stepAfter"
                  />
                ))}
              </AreaChart>
            ) : (
              <LineChart {...common}>
                {axes}
                {props.series.map((s) => (
                  <Line
                    key={s.key}
                    dataKey={s.key as string}
                    name={s.name}
                    stroke={s.color}
                    strokeDasharray={s.dashed ? '4 3' : undefined}
                    dot={isSparseSeries(common.data, s.key) ? { r: 3, fill: s.color } : false}
                    isAnimationActive={false}
                    connectNulls
                  />
                ))}
              </LineChart>
            )}
          </ResponsiveContainer>
        )}
      </div>
    </figure>
  );
}
