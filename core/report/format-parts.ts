/**
 * The text report's lines about a session of several processes and threads: the table of what was
 * recorded (up front, so an idle primary never reads as the whole story), where each finding is, and the
 * CPU time of each part.
 */
import type { FindingPlace } from '../findings/finding';
import { formatValue } from '../profile/format-value';
import { formatDuration } from './format-units';
import type { PartEnd, ReportPart } from './parts-section';
import type { Report } from './report';

/** `worker 2 of 4 (pid 4243)`; a label that names its pid already stays as it is. */
export function placeName(place: Pick<FindingPlace, 'label' | 'pid'>): string {
  return place.label.includes(`pid ${place.pid}`) ? place.label : `${place.label} (pid ${place.pid})`;
}

/** The place of part `id` of the report, by name; the id itself if the report does not list it. */
export function partName(report: Report, id: string): string {
  const part = report.parts?.find((p) => p.id === id);
  return part ? placeName(part) : id;
}

/** `recorded 3 processes and 1 thread:` and one row per part; nothing for a one-process session. */
export function partsTableLines(report: Report): string[] {
  const parts = report.parts;
  if (!parts) return [];
  const processes = parts.filter((p) => p.kind === 'process').length;
  const threads = parts.length - processes;
  const title =
    `recorded ${processes} process${processes === 1 ? '' : 'es'}` +
    (threads > 0 ? ` and ${threads} thread${threads === 1 ? '' : 's'}` : '') +
    ':';
  const rows = parts.map((part) => [
    (report.part === part.id ? '* ' : '  ') + part.label,
    part.id,
    String(part.pid),
    part.threadId === 0 ? '-' : String(part.threadId),
    part.nodeVersion,
    String(part.snapshots),
    part.cpuBusyUs === null ? '-' : formatValue(part.cpuBusyUs, 'microseconds'),
    endedText(part, report),
  ]);
  const head = ['  part', 'id', 'pid', 'thread', 'node', 'snapshots', 'cpu busy', 'ended'];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join('  ')
      .trimEnd();
  const footer =
    report.part === undefined ? [] : ['  (* this report: without --process it covers every part, combined)'];
  return [title, line(head), ...rows.map(line), ...footer];
}

function endedText(part: ReportPart, report: Report): string {
  if (part.id === 'main') return part.ended ? part.ended.reason : 'no end record';
  if (!part.ended) return 'with the session';
  return `${part.ended.reason} at ${offset(part.ended, report)}${part.ended.message ? `: ${part.ended.message}` : ''}`;
}

function offset(end: PartEnd, report: Report): string {
  return `+${formatDuration(Math.max(0, end.time - report.startedAt))}`;
}

/** `busy by part: worker 1 of 2 1.20 s, …` busiest first; nothing without several parts with CPU windows. */
export function busyByPartLines(report: Report): string[] {
  if (!report.parts || report.part !== undefined) return [];
  const busy = report.parts.filter((part) => part.cpuBusyUs !== null);
  if (busy.length < 2) return [];
  busy.sort((a, b) => b.cpuBusyUs! - a.cpuBusyUs!);
  return [
    `busy by part: ${busy.map((part) => `${placeName(part)} ${formatValue(part.cpuBusyUs!, 'microseconds')}`).join(', ')}`,
  ];
}
