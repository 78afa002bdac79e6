/** The text report's heap-growth section: the kinds that grew between the snapshots and their holders. */
import { formatFrame } from '../frame';
import type { ReportHeapGrowth } from './report';
import { holderLine, holderPathText } from '../retainers/holder-text';
import { formatBytes } from '../units/bytes';
import { formatDuration } from './format-units';

export function heapGrowthLines(growth: ReportHeapGrowth, rows: number): string[] {
  const spanS = Math.max(0.001, (growth.last.time - growth.first.time) / 1000);
  const pauses = [growth.first.pauseMs, growth.last.pauseMs].filter((ms) => ms !== undefined);
  const lines = [
    `Heap growth between the snapshots ${formatDuration(growth.last.time - growth.first.time)} apart: ` +
      `${formatBytes(growth.first.bytes)} → ${formatBytes(growth.last.bytes)} of objects, ` +
      `${growth.newCount.toLocaleString('en-US')} new ones (${formatBytes(growth.newBytes)})` +
      (pauses.length > 0
        ? `; each snapshot paused the target ${pauses.map((ms) => `${ms} ms`).join(', ')}`
        : ''),
  ];
  const grown = growth.kinds.filter((kind) => kind.last.bytes > kind.first.bytes).slice(0, rows);
  if (grown.length > 0) {
    lines.push(`  ${'kind'.padEnd(28)} ${'count'.padStart(18)} ${'bytes'.padStart(24)}`);
    for (const { kind, first, last } of grown) {
      const count = `${first.count} → ${last.count}`;
      const bytes = `+${formatBytes(last.bytes - first.bytes)} (${formatBytes(last.bytes)})`;
      lines.push(`  ${kind.slice(0, 28).padEnd(28)} ${count.padStart(18)} ${bytes.padStart(24)}`);
    }
  }
  if (growth.allocatedBy.length > 0) {
    lines.push('  Allocated by (sampled: bytes still alive after GC, same recording):');
    for (const site of growth.allocatedBy)
      lines.push(
        `    ${formatFrame(site.frame)}  ${(site.share * 100).toFixed(0)}%, ${formatBytes(Math.round(site.aliveBytesPerSecond))}/s`,
      );
  }
  if (growth.holders.length > 0) lines.push('  What holds the new objects, most bytes first:');
  for (const holder of growth.holders.slice(0, Math.min(rows, 5))) {
    lines.push(`    ${holderLine(holder, spanS)}`, `        via ${holderPathText(holder)}`);
  }
  return lines;
}
