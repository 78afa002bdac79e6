/**
 * The report as text for a terminal (`hyperscope report FILE`), in the manner of `pprof -top`: a header
 * line, the findings most severe first with their evidence, frames and advice, the CPU and allocation
 * tables, the promise chains (as `goroutine?debug=1`), then the summary table.
 */
import { renderGoroutineDump } from '../chains/render-goroutine-dump';
import { findingLines, findingsHeadline, wrap } from './format-findings';
import { formatDuration } from './format-units';
import { hyperscopeCostLine } from './format-hyperscope-cost';
import { marksLines } from './marks-section';
import { busyByPartLines, partName, partsTableLines, placeName } from './format-parts';
import { allocationTableLines, cpuTableLines } from './format-profile-tables';
import { heapGrowthLines } from './format-heap-growth';
import { summaryRows } from './summary-rows';
import type { Report } from './report';
import { terminalSafeDeep } from './terminal-safe';

export interface TextReportOptions {
  /** ANSI colours and bold (default false: plain text, safe for files and CI logs). */
  color?: boolean;
  /** Frames shown per finding before "… N more" (default 8). */
  maxFrames?: number;
  /** Wrap width for sentences, columns (default 100). */
  width?: number;
  /** Rows of the CPU and allocation tables (default 10). */
  topRows?: number;
  /** Promise-chain groups shown before "… N more chains" (default 10). */
  chainGroups?: number;
}

/**
 * The text report, lines joined by `\n`, ending with a newline. Every string of the report is made
 * terminal-safe first (control characters shown, not obeyed): only our own colours reach the terminal.
 */
export function formatTextReport(unsafeReport: Report, options: TextReportOptions = {}): string {
  const report = terminalSafeDeep(unsafeReport);
  const paint = (codes: string, text: string): string =>
    options.color ? `\x1b[${codes}m${text}\x1b[0m` : text;
  const width = options.width ?? 100;
  const imported = report.target.attachedBy === 'file';
  const lines = [...headerLines(report), ''];
  lines.push(findingsHeadline(report, imported), '');
  for (const finding of report.findings) {
    lines.push(...findingLines(finding, paint, width, options.maxFrames ?? 8), '');
  }
  const topRows = options.topRows ?? 10;
  // Above the tables that leave it out: the profiler's cost stays in sight, not ranked as the service's.
  const ownCost = hyperscopeCostLine(report.cpu?.hyperscope, report.allocations?.hyperscope);
  if (ownCost) lines.push(ownCost, '');
  if (report.cpu) {
    const profiled =
      report.part === undefined ? (report.parts ?? []).filter((p) => p.cpuBusyUs !== null) : [];
    const [heading, ...table] = cpuTableLines(report.cpu, topRows, profiled.length);
    lines.push(paint('1', heading!), ...busyByPartLines(report), ...table, '');
  }
  if (report.allocations)
    lines.push(
      ...boldFirst(allocationTableLines(report.allocations, topRows, partLabels(report)), paint),
      '',
    );
  if (report.heapGrowth) lines.push(...boldFirst(heapGrowthLines(report.heapGrowth, topRows), paint), '');
  if (report.chains) {
    const offset = formatDuration(Math.max(0, report.chains.time - report.startedAt));
    const where = report.chains.part === undefined ? '' : `, in ${partName(report, report.chains.part)}`;
    lines.push(paint('1', `Promise chains at ${offset}, when most were pending${where}`));
    lines.push(renderGoroutineDump(report.chains, options.chainGroups ?? 10), '');
  }
  // The summary is made of snapshots: an imported profile has none to show.
  if (!imported) lines.push(...summaryLines(report, paint));
  else lines.pop();
  if (report.notes.length > 0) {
    lines.push('', paint('1', 'Notes'));
    for (const note of report.notes) lines.push(...wrap(`${note.level}: ${note.message}`, width, '  '));
  }
  return lines.join('\n') + '\n';
}

function summaryLines(report: Report, paint: (codes: string, text: string) => string): string[] {
  const rows = summaryRows(report.summary);
  const labelWidth = Math.max(...rows.map(([label]) => label.length));
  const title =
    report.parts && report.part === undefined
      ? `Summary, all ${report.parts.length} parts together (event loop: the worst part's)`
      : 'Summary';
  return [paint('1', title), ...rows.map(([label, value]) => `  ${label.padEnd(labelWidth)}  ${value}`)];
}

/** Part id → how the text names it, for tables that add several parts up; empty for one process or part. */
function partLabels(report: Report): Map<string, string> {
  const parts = report.part === undefined ? (report.parts ?? []) : [];
  return new Map(parts.map((part) => [part.id, placeName(part)]));
}

function boldFirst(lines: string[], paint: (codes: string, text: string) => string): string[] {
  return lines.map((line, i) => (i === 0 ? paint('1', line) : line));
}

function headerLines(report: Report): string[] {
  const { target } = report;
  // A profile from another tool has no process facts or snapshots: say where it came from instead.
  if (target.attachedBy === 'file')
    return [
      `hyperscope report: imported from ${target.argv.join(' ')} (a profile, not a recording: no snapshots)`,
    ];
  const ended = report.truncated
    ? 'file truncated (recorder stopped mid-record)'
    : report.endReason === null
      ? 'no end record'
      : `ended: ${report.endReason}`;
  const parts = partsTableLines(report);
  const combined = report.parts && report.part === undefined;
  const who =
    report.part !== undefined
      ? `${partName(report, report.part)} alone`
      : combined
        ? `${partName(report, 'main')} and ${plural(report.parts!.length - 1, 'more part')}`
        : `pid ${target.pid}`;
  return [
    `hyperscope report: ${who}, node ${target.nodeVersion}, ${formatDuration(report.durationMs)}, ` +
      `${report.snapshots} snapshots${combined ? ' of all parts' : ''} every ${formatDuration(report.intervalMs)}, ${ended}`,
    `command: ${target.argv.join(' ')} (${howRecorded(target.attachedBy)})`,
    ...marksLines(report.marks),
    ...(parts.length > 0 ? ['', ...parts] : []),
  ];
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** `attached by pid`, or `recorded in-process` for a target that recorded itself (no inspector port). */
function howRecorded(attachedBy: Report['target']['attachedBy']): string {
  return attachedBy === 'in-process' ? 'recorded in-process, no inspector port' : `attached by ${attachedBy}`;
}
