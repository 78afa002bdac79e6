/**
 * A finding's evidence as charts: one chart per unit, each with one row per instant (`t` in seconds
 * since the start) holding every series of that unit by name.
 */
import type { Evidence } from '../../core/findings/finding';

export interface EvidenceChart {
  unit: string;
  names: string[];
  rows: ({ t: number } & Record<string, number>)[];
}

export function evidenceCharts(evidence: Evidence): EvidenceChart[] {
  const byUnit = new Map<string, Map<number, { t: number } & Record<string, number>>>();
  const names = new Map<string, string[]>();
  for (const series of evidence.series) {
    if (series.points.length === 0) continue;
    const rows = byUnit.get(series.unit) ?? new Map();
    byUnit.set(series.unit, rows);
    names.set(series.unit, [...(names.get(series.unit) ?? []), series.name]);
    for (const { t, v } of series.points) {
      const row = rows.get(t) ?? { t: t / 1000 };
      row[series.name] = v;
      rows.set(t, row);
    }
  }
  return [...byUnit].map(([unit, rows]) => ({
    unit,
    names: names.get(unit) ?? [],
    rows: [...rows.values()].sort((a, b) => a.t - b.t),
  }));
}
