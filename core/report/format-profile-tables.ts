/**
 * The CPU and allocation tables of the text report: `pprof -top` tables (flat, flat%, sum%, cum, cum%),
 * the allocation ones with the function's still-alive bytes beside, and the process-wide size histogram.
 */
import { formatValue } from '../profile/format-value';
import { formatTop } from '../profile/top';
import { allocRateLines } from './format-alloc-rate';
import { formatDuration } from './format-units';
import type { AllocationsReport, AllocTopLine, AllocWindowsTotal, CpuReport } from './report';

const BAR_WIDTH = 30;

/**
 * The CPU section: a heading with what was profiled, then the top `rows` functions. `parts`: how many
 * processes or threads the table adds up (their profiled time adds up too).
 */
export function cpuTableLines(cpu: CpuReport, rows: number, parts = 1): string[] {
  return [
    `CPU: ${formatValue(cpu.busyUs, 'microseconds')} busy in ${formatDuration(cpu.profiledMs)} profiled${overParts(parts)} ` +
      `(${cpu.windows} window${cpu.windows === 1 ? '' : 's'}, a sample every ${cpu.samplingIntervalUs} µs); ` +
      `top ${Math.min(rows, cpu.top.length)} by self time, % of the service's own busy time ` +
      `(idle and Hyperscope's own cost left out)`,
    ...formatTop(cpu.top.slice(0, rows), 'microseconds').split('\n'),
  ];
}

/** ` over 3 parts` after a time that adds up the parts' windows; nothing for one process. */
function overParts(parts: number): string {
  return parts > 1 ? ` over ${parts} parts` : '';
}

/**
 * The allocation section: totals, the rate window by window, the top functions by allocated and by
 * still-alive bytes, the sizes. `partLabels` names the parts of a table that adds several up.
 */
export function allocationTableLines(
  allocations: AllocationsReport,
  rows: number,
  partLabels: ReadonlyMap<string, string> = new Map(),
): string[] {
  const { allocated, alive } = allocations;
  // Windows of several parts: their time adds up, and a rate is a part's on average.
  const partsOf = (total: AllocWindowsTotal): number => new Set(total.series.map((point) => point.part)).size;
  const rate = (total: AllocWindowsTotal): string =>
    `${formatValue(Math.round(total.bytesPerSecond), 'bytes/s')}${partsOf(total) > 1 ? ' a part' : ''}`;
  // A profile imported from another tool may not say its sampling interval (0) or how long it ran.
  const interval = allocations.samplingIntervalBytes;
  const timed = (total: AllocWindowsTotal, what: string): string =>
    total.coveredMs > 0 ? `${what} in ${formatDuration(total.coveredMs)}${overParts(partsOf(total))}` : what;
  const lines = [
    `Allocations: ${interval > 0 ? `sampled every ${formatValue(interval, 'bytes')}` : 'sampling interval unknown'}; ` +
      (allocated
        ? `${formatValue(allocated.bytes, 'bytes')} ${timed(allocated, 'allocated')}` +
          (allocated.coveredMs > 0 ? ` (${rate(allocated)})` : '')
        : 'no allocated window') +
      '; ' +
      (alive
        ? `${formatValue(alive.bytes, 'bytes')} of what was ${timed(alive, 'allocated')} still alive after GC` +
          (alive.coveredMs > 0 ? ` (${rate(alive)})` : '')
        : 'no still-alive window (recordings shorter than one profile window have none)'),
  ];
  const rateLines = allocRateLines(allocations, partLabels);
  if (rateLines.length > 0) lines.push('', ...rateLines);
  if (allocations.top.length > 0) {
    lines.push(
      '',
      `Top ${Math.min(rows, allocations.top.length)} by bytes allocated, % of the service's own bytes ` +
        `(alive: bytes of theirs still alive)`,
    );
    lines.push(...allocTable(allocations.top.slice(0, rows), 'alive', (row) => row.aliveBytes));
  }
  if (allocations.topAlive.length > 0) {
    lines.push(
      '',
      `Top ${Math.min(rows, allocations.topAlive.length)} by bytes still alive after GC, % of the service's own`,
    );
    lines.push(...allocTable(allocations.topAlive.slice(0, rows), 'allocated', (row) => row.allocatedBytes));
  }
  lines.push(
    '',
    interval > 0
      ? `Object sizes, all allocations (sizes up to ${formatValue(allocations.sizesEstimatedUpToBytes, 'bytes')} ` +
          'are estimated from the sampling)'
      : 'Object sizes, all allocations (as sampled: without the interval, sizes cannot be estimated)',
    ...histogramLines(allocations),
  );
  return lines;
}

/** `formatTop`'s table with one more column, `other`, before the name. */
function allocTable(
  rows: AllocTopLine[],
  otherName: string,
  other: (row: AllocTopLine) => number | null,
): string[] {
  const [header, ...body] = formatTop(rows, 'bytes').split('\n');
  const cell = (text: string): string => text.padStart(10);
  const nameAt = header!.indexOf('  name');
  return [
    header!.slice(0, nameAt) + cell(otherName) + header!.slice(nameAt),
    ...body.map((line, i) => {
      const value = other(rows[i]!);
      return (
        line.slice(0, nameAt) + cell(value === null ? '-' : formatValue(value, 'bytes')) + line.slice(nameAt)
      );
    }),
  ];
}

function histogramLines(allocations: AllocationsReport): string[] {
  const total = allocations.histogram.reduce((sum, bucket) => sum + bucket.bytes, 0);
  const most = Math.max(0, ...allocations.histogram.map((bucket) => bucket.bytes));
  const used = allocations.histogram.filter((bucket) => bucket.samples > 0);
  if (used.length === 0) return ['  no samples'];
  return used.map((bucket) => {
    const share = total > 0 ? (bucket.bytes / total) * 100 : 0;
    const bar = '#'.repeat(most > 0 ? Math.max(1, Math.round((bucket.bytes / most) * BAR_WIDTH)) : 0);
    return `  ${bucket.label.padStart(8)}  ${formatValue(bucket.bytes, 'bytes').padStart(11)}  ${share.toFixed(1).padStart(5)}%  ${bar}`;
  });
}
