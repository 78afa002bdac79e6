/**
 * Time series of several processes or threads side by side, for the views' "All" choice: one line per
 * part on one time axis. Parts collect at nearly the same instants but not the same: points within one
 * step of each other share a row, so that a tooltip shows every part at that moment. Pure.
 */

/** One row of a chart by part: `t` in seconds since the start, and a value per part id that had one. */
export type ByPartRow = { t: number } & Record<string, number>;

/** One part's points (`t` in seconds since the start). */
export interface PartLine {
  id: string;
  label: string;
  points: readonly { t: number; v: number | null }[];
}

/** Rows in time order; a part's last point in a step wins. `stepS`: the collection interval, seconds. */
export function rowsByPart(lines: readonly PartLine[], stepS: number): ByPartRow[] {
  const step = stepS > 0 ? stepS : 1;
  const rows = new Map<number, ByPartRow>();
  for (const line of lines)
    for (const point of line.points) {
      if (point.v === null) continue;
      const t = Math.round(point.t / step) * step;
      const row = rows.get(t) ?? ({ t } as ByPartRow);
      row[line.id] = point.v;
      rows.set(t, row);
    }
  return [...rows.values()].sort((a, b) => a.t - b.t);
}
