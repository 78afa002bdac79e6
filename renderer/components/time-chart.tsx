/**
 * A small time-series chart (recharts): x is seconds since the start, one line or stacked area per series.
 * Animations are off: live data arrives every second and must not wobble.
 */
import {
  Area,
  AreaChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatAxisValue, formatSeconds, formatValue } from '../view-models/format';

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
}) {
  const format = (v: unknown): string => (typeof v === 'number' ? formatValue(v, props.unit) : String(v));
  // recharts types data keys per row type; the spec's keys are already checked against T above.
  const common = {
    data: props.data as unknown as Record<string, unknown>[],
    margin: { top: 4, right: 12, bottom: 0, left: 0 },
  };
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
                    dot={false}
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
