/** The text report's findings: a headline counting them, then each with its place, evidence, frames, advice. */
import { holderLine, holderPathText } from '../retainers/holder-text';
import type { Finding, Severity } from '../findings/finding';
import { formatFrame } from '../frame';
import { partName, placeName } from './format-parts';
import type { Report } from './report';

const SEVERITY_COLOR: Record<Severity, string> = { critical: '1;31', warning: '33', info: '36' };
const INDENT = '    ';

/** `3 findings over 4 parts: 1 critical, 2 warnings`, or which kind of "No findings" it is. */
export function findingsHeadline(report: Report, imported: boolean): string {
  const { findings, parts } = report;
  if (findings.length === 0 && imported)
    return 'No findings: most pitfalls show in a recording’s snapshots, which a profile file does not have.';
  if (findings.length === 0 && parts && report.part !== undefined)
    return (
      `No findings in ${partName(report, report.part)}; the session recorded ${parts.length - 1} more ` +
      `part${parts.length === 2 ? '' : 's'} (without --process the report covers them all).`
    );
  if (findings.length === 0 && parts)
    return `No findings in any of the ${parts.length} processes and threads recorded.`;
  if (findings.length === 0) return 'No findings: none of the pitfalls Hyperscope knows showed up.';
  const counts = (['critical', 'warning', 'info'] as const)
    .map((severity) => [severity, findings.filter((f) => f.severity === severity).length] as const)
    .filter(([, count]) => count > 0)
    // "critical" and "info" read as adjectives and stay put; "warning" is a noun.
    .map(([severity, count]) => `${count} ${severity}${severity === 'warning' && count !== 1 ? 's' : ''}`);
  const over = parts && report.part === undefined ? ` over ${parts.length} parts` : '';
  return `${findings.length} finding${findings.length === 1 ? '' : 's'}${over}: ${counts.join(', ')}`;
}

/**
 * `CRITICAL  pool-starvation  worker 2 of 4 (pid 4243): title`, then the evidence, up to `maxFrames`
 * frames and the advice, sentences wrapped at `width` columns.
 */
export function findingLines(
  finding: Finding,
  paint: (codes: string, text: string) => string,
  width: number,
  maxFrames: number,
): string[] {
  const label = paint(SEVERITY_COLOR[finding.severity], finding.severity.toUpperCase().padEnd(8));
  const place = finding.place ? `${placeName(finding.place)}: ` : '';
  const lines = [`${label}  ${finding.kind}  ${place}${paint('1', finding.title)}`];
  lines.push(...wrap(finding.evidence.summary, width, INDENT));
  const values = Object.entries(finding.evidence.values).map(([name, value]) => `${name}=${value}`);
  if (values.length > 0) lines.push(...wrap(values.join('  '), width, INDENT));
  const shown = finding.frames.slice(0, maxFrames);
  shown.forEach((frame, i) => lines.push(`${INDENT}${i === 0 ? 'at ' : '   '}${formatFrame(frame)}`));
  if (finding.frames.length > shown.length)
    lines.push(`${INDENT}   … ${finding.frames.length - shown.length} more`);
  for (const holder of finding.evidence.holders ?? []) {
    lines.push(...wrap(`held by ${holderLine(holder)}`, width, INDENT));
    lines.push(...wrap(`via ${holderPathText(holder)}`, width, `${INDENT}    `));
  }
  lines.push(...wrap(`advice: ${finding.advice}`, width, INDENT));
  return lines;
}

/** `text` broken at spaces into lines of at most `width` columns (longer words stay whole), each indented. */
export function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(indent + line);
  return lines;
}
