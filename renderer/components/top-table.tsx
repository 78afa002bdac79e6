/** The top functions of a profile, like `go tool pprof -top`: flat and cumulative values and shares. */
import { formatFrame } from '../../core/frame';
import { formatValue } from '../../core/profile/format-value';
import { fileLabel } from '../../core/profile/data-url-module';
import { frameLabel } from '../../core/profile/profile-model';
import type { TopRow } from '../../core/profile/top';

export function TopTable(props: {
  rows: readonly TopRow[];
  unit: string;
  caption: string;
  onPick(name: string): void;
}) {
  return (
    <table className="data-table top-table">
      <caption className="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          <th className="num">Flat</th>
          <th className="num">Flat %</th>
          <th className="num">Cum</th>
          <th className="num">Cum %</th>
          <th>Function</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr key={row.frameIndex}>
            <td className="num">{formatValue(row.flat, props.unit)}</td>
            <td className="num">{row.flatPercent.toFixed(1)}%</td>
            <td className="num">{formatValue(row.cum, props.unit)}</td>
            <td className="num">{row.cumPercent.toFixed(1)}%</td>
            <td>
              <button
                type="button"
                className="frame-button"
                title={`Highlight ${formatFrame(row.frame)} in the flame graph`}
                onClick={() => props.onPick(frameLabel(row.frame))}
              >
                {frameLabel(row.frame)}{' '}
                <span className="muted">
                  {row.frame.url ? `${fileLabel(row.frame.url)}:${row.frame.line}` : ''}
                </span>
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
