/**
 * The text report's allocation rate over time: each kind of window's bytes/s window by window, or for a
 * long recording its lowest, median and highest window (the JSON report keeps every point).
 */
import type { AllocRatePoint } from '../profile/alloc-rate-series';
import { formatValue } from '../profile/format-value';
import type { AllocationsReport } from './report';

/** More windows than this print as lowest / median / highest: one line must stay readable. */
const LISTED_WINDOWS = 8;

/**
 * A heading and one line per kind of window that has points; nothing without any. Points of several
 * parts (each naming its `part`) get a line per part and kind, named by `partLabels`.
 */
export function allocRateLines(
  allocations: AllocationsReport,
  partLabels: ReadonlyMap<string, string> = new Map(),
): string[] {
  const kinds = [
    ['allocated', allocations.allocated?.series ?? []],
    ['still alive', allocations.alive?.series ?? []],
  ] as const;
  // A window without length (an imported profile that says nothing of time) has no rate to show.
  const lines = kinds.flatMap(([name, series]) =>
    byPart(series.filter((point) => point.endMs > point.startMs)).map(
      ([part, points]) =>
        `  ${name.padEnd(12)} ${part === undefined ? '' : `${partLabels.get(part) ?? part}: `}${rateSummary(points)}`,
    ),
  );
  return lines.length > 0 ? ['Allocation rate by window (times since the start)', ...lines] : [];
}

type RatePoint = AllocRatePoint & { part?: string };

/** The points grouped by part, in the order parts first appear; one group of all for one process. */
function byPart(points: readonly RatePoint[]): [string | undefined, RatePoint[]][] {
  const groups = new Map<string | undefined, RatePoint[]>();
  for (const point of points) {
    const group = groups.get(point.part);
    if (group) group.push(point);
    else groups.set(point.part, [point]);
  }
  return [...groups];
}

function rateSummary(series: readonly AllocRatePoint[]): string {
  if (series.length <= LISTED_WINDOWS)
    return series.map((point) => `${rate(point)} (${span(point)})`).join(', ');
  const sorted = [...series].sort((a, b) => a.bytesPerSecond - b.bytesPerSecond);
  const lowest = sorted[0]!;
  const highest = sorted.at(-1)!;
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return (
    `${series.length} windows: lowest ${rate(lowest)} (${span(lowest)}), median ${rate(median)}, ` +
    `highest ${rate(highest)} (${span(highest)})`
  );
}

function rate(point: AllocRatePoint): string {
  return formatValue(Math.round(point.bytesPerSecond), 'bytes/s');
}

/** `10–15 s`: the window in seconds since the start, to 0.1 s. */
function span(point: AllocRatePoint): string {
  const seconds = (ms: number): number => Number((ms / 1000).toFixed(1));
  return `${seconds(point.startMs)}–${seconds(point.endMs)} s`;
}
