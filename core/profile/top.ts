/** The functions with the most self value, like `go tool pprof -top`. */
import { formatValue } from './format-value';
import type { Frame } from '../frame';
import { frameLabel, type ProfileFrame, type ProfileModel } from './profile-model';
import { functionTotals, grandTotal } from './totals';

/** One row: `flat` is the function's self value, `cum` its total (recursion counted once); % of all. */
export interface TopRow {
  frameIndex: number;
  frame: ProfileFrame;
  flat: number;
  flatPercent: number;
  /** Running sum of `flatPercent` down the table. */
  sumPercent: number;
  cum: number;
  cumPercent: number;
}

/** The `n` functions with the highest flat value of type `valueIndex`, highest first (ties: cum, name). */
export function topFunctions(model: ProfileModel, valueIndex: number, n: number): TopRow[] {
  const { self, total } = functionTotals(model, valueIndex);
  const all = grandTotal(model, valueIndex);
  const percent = (value: number): number => (all > 0 ? (value / all) * 100 : 0);
  const order = [...self.keys()].filter((f) => self[f]! > 0 || total[f]! > 0);
  order.sort(
    (a, b) =>
      self[b]! - self[a]! ||
      total[b]! - total[a]! ||
      frameLabel(model.frames[a]!).localeCompare(frameLabel(model.frames[b]!)),
  );
  let sum = 0;
  return order.slice(0, Math.max(0, n)).map((f) => {
    sum += percent(self[f]!);
    return {
      frameIndex: f,
      frame: model.frames[f]!,
      flat: self[f]!,
      flatPercent: percent(self[f]!),
      sumPercent: sum,
      cum: total[f]!,
      cumPercent: percent(total[f]!),
    };
  });
}

/**
 * `topFunctions` without the functions whose own value is 0 (callers only), for tables that rank what
 * functions allocated or kept themselves: a 0 B row there says nothing.
 */
export function topWithOwnValue(model: ProfileModel, valueIndex: number, n: number): TopRow[] {
  // Rows come highest flat first, so the zeros are the tail: dropping them keeps every non-zero row.
  return topFunctions(model, valueIndex, n).filter((row) => row.flat > 0);
}

/** What `formatTop` prints of a row: any frame will do (a report's rows carry plain frames). */
export type TopTableRow = Pick<TopRow, 'flat' | 'flatPercent' | 'sumPercent' | 'cum' | 'cumPercent'> & {
  frame: Frame;
};

/** The rows as `pprof -top` prints them: `flat flat% sum% cum cum% name (url:line:column)`. */
export function formatTop(rows: readonly TopTableRow[], unit: string): string {
  const pct = (value: number): string => `${value.toFixed(2)}%`;
  const lines = [['flat', 'flat%', 'sum%', 'cum', 'cum%'].map((h) => h.padStart(10)).join('') + '  name'];
  for (const row of rows) {
    const cells = [formatValue(row.flat, unit), pct(row.flatPercent), pct(row.sumPercent)];
    cells.push(formatValue(row.cum, unit), pct(row.cumPercent));
    const where = row.frame.url ? ` (${row.frame.url}:${row.frame.line}:${row.frame.column})` : '';
    lines.push(cells.map((c) => c.padStart(10)).join('') + `  ${frameLabel(row.frame)}${where}`);
  }
  return lines.join('\n');
}
