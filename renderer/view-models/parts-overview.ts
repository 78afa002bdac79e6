/**
 * The Dashboard's "All" choice for a session of several processes or threads: a table with one row per
 * part (its findings and the worst of each dashboard figure), and charts with one line per part, so a
 * starving worker stands out beside an idle primary. Pure; `t` in seconds since the start.
 */
import type { Finding } from '../../core/findings/finding';
import { dashboardPoints, dashboardTiles, type DashboardPoint, type Tile } from './dashboard-series';
import { findingsOfPart, partDetail } from './part-picker';
import { rowsByPart, type ByPartRow } from './parts-series';
import type { PartData } from './session-part-list';

/** One part's dashboard points. */
export interface PartPoints {
  part: PartData;
  points: DashboardPoint[];
}

export function pointsOfParts(parts: readonly PartData[], startTime: number): PartPoints[] {
  return parts.map((part) => ({ part, points: dashboardPoints(part.snapshots, startTime) }));
}

/** One row of the overview table. */
export interface OverviewRow {
  id: string;
  label: string;
  /** `pid 4243 · thread 1`. */
  detail: string;
  ended: PartData['ended'];
  critical: number;
  warning: number;
  /** One per column of {@link OverviewTable.columns}; null where the part has no such figure. */
  figures: (Tile | null)[];
}

export interface OverviewTable {
  /** The dashboard's tile labels, e.g. `Requests queued for a socket`. */
  columns: string[];
  rows: OverviewRow[];
}

export function overviewTable(parts: readonly PartPoints[], findings: readonly Finding[]): OverviewTable {
  const tiles = parts.map(({ points }) => dashboardTiles(points));
  const columns = [...new Set(tiles.flat().map((tile) => tile.label))];
  return {
    columns,
    rows: parts.map(({ part }, i) => {
      const own = findingsOfPart(findings, part.id);
      return {
        id: part.id,
        label: part.label,
        detail: partDetail(part),
        ended: part.ended,
        critical: own.filter((f) => f.severity === 'critical').length,
        warning: own.filter((f) => f.severity === 'warning').length,
        figures: columns.map((label) => tiles[i]!.find((tile) => tile.label === label) ?? null),
      };
    }),
  };
}

/** A chart with one line per part (`series` keys are part ids). */
export interface ByPartChart {
  title: string;
  unit: string;
  rows: ByPartRow[];
  series: { key: string; name: string }[];
}

/** What the charts by part plot: the figures that tell a struggling process from its siblings. */
const FIGURES: { title: string; unit: string; read: (p: DashboardPoint) => number | null }[] = [
  { title: 'Requests queued for a socket', unit: 'count', read: (p) => p.poolQueued },
  { title: 'Event-loop delay p99', unit: 'ms', read: (p) => p.delayP99Ms },
  { title: 'Event-loop utilisation (%)', unit: '%', read: (p) => p.utilizationPct },
  { title: 'Requests in flight', unit: 'count', read: (p) => p.inFlight },
  { title: 'Sockets open', unit: 'count', read: (p) => p.open + p.idle + p.connecting },
  { title: 'Heap used', unit: 'bytes', read: (p) => p.heapUsed },
];

/** `stepS`: the collection interval, seconds. Parts without snapshots get no line. */
export function chartsByPart(parts: readonly PartPoints[], stepS: number): ByPartChart[] {
  const shown = parts.filter(({ points }) => points.length > 0);
  const by = byWhat(parts.map(({ part }) => part));
  return FIGURES.map(({ title, unit, read }) => ({
    title: `${title}, ${by}`,
    unit,
    rows: rowsByPart(
      shown.map(({ part, points }) => ({
        id: part.id,
        label: part.label,
        points: points.map((p) => ({ t: p.t, v: read(p) })),
      })),
      stepS,
    ),
    series: shown.map(({ part }) => ({ key: part.id, name: part.label })),
  }));
}

/** `by process`, `by thread` (a process and its threads), `by process and thread`. */
function byWhat(parts: readonly PartData[]): string {
  const others = parts.slice(1);
  if (others.every((part) => part.kind === 'process')) return 'by process';
  if (others.every((part) => part.kind === 'thread')) return 'by thread';
  return 'by process and thread';
}
