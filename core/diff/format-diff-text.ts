/** The diff as text, the way `go tool pprof -top -diff_base` prints it: biggest changes first. */
import type { Finding } from '../findings/finding';
import { formatFrame } from '../frame';
import { placeName } from '../report/format-parts';
import { terminalSafeDeep } from '../report/terminal-safe';
import { formatValue } from '../profile/format-value';
import { formatPercent } from '../units/percent';
import type { DiffReport } from './diff-report';
import type { SeriesDelta } from './series-diff';

const TITLES = {
  cpu: 'CPU time',
  allocated: 'Allocated bytes (including collected)',
  alive: 'Allocated bytes still alive',
  chains: 'Pending promise chains',
};

/**
 * The report as text; `rows` functions per profile (default 15). Names from the targets (functions,
 * processes and threads) are shown, never obeyed, by a terminal: control characters made visible.
 */
export function formatDiffText(unsafeReport: DiffReport, rows = 15): string {
  const report = terminalSafeDeep(unsafeReport);
  const lines = [
    `base:    ${report.base.name} (${report.base.format})`,
    `current: ${report.current.name} (${report.current.format})`,
  ];
  for (const section of report.profiles) {
    const { unit } = section;
    const change = section.currentTotal - section.baseTotal * section.baseScale;
    lines.push(
      '',
      `${TITLES[section.profile]} (${section.valueName}): ${formatValue(section.baseTotal, unit)} → ${formatValue(section.currentTotal, unit)}`,
    );
    if (section.normalisation !== 'none')
      lines.push(
        `  base scaled ×${section.baseScale.toFixed(3)} (normalised by ${section.normalisation}); change ${signed(change, unit)}`,
      );
    lines.push(['flat Δ', 'cum Δ', 'base flat', 'flat'].map((h) => h.padStart(12)).join('') + '  name');
    // Float noise from scaling is not a change: ignore deltas below a billionth of the totals.
    const epsilon = 1e-9 * Math.max(section.baseTotal, section.currentTotal);
    const changed = section.functions.filter(
      (row) => Math.abs(row.flatDelta) > epsilon || Math.abs(row.cumDelta) > epsilon,
    );
    for (const row of changed.slice(0, rows)) {
      const cells = [
        signed(row.flatDelta, unit),
        signed(row.cumDelta, unit),
        formatValue(row.baseFlat, unit),
        formatValue(row.currentFlat, unit),
      ];
      lines.push(cells.map((c) => c.padStart(12)).join('') + `  ${formatFrame(row.frame)}`);
    }
    if (changed.length === 0) lines.push('  (no change)');
    else if (changed.length > rows) lines.push(`  … ${changed.length - rows} more`);
  }
  if (report.findings) {
    const { appeared, disappeared, persisted } = report.findings;
    lines.push('', 'Findings:');
    for (const f of appeared) lines.push(`  + ${f.severity.padEnd(8)} ${placed(f)}`);
    for (const f of disappeared) lines.push(`  - ${f.severity.padEnd(8)} ${placed(f)}`);
    for (const { finding, baseSeverity } of persisted)
      lines.push(
        `  = ${finding.severity.padEnd(8)} ${placed(finding)}${baseSeverity !== finding.severity ? ` (was ${baseSeverity})` : ''}`,
      );
    if (appeared.length + disappeared.length + persisted.length === 0) lines.push('  none in either');
  }
  if (report.series) {
    // Sessions of several parts compare part by part: a heading for each part's rows.
    let title: string | null = null;
    for (const row of report.series) {
      const rowTitle = row.part === undefined ? 'Series' : `Series of ${row.part}`;
      if (rowTitle !== title)
        lines.push(
          '',
          `${rowTitle.padEnd(30)}${'base'.padStart(12)}${'current'.padStart(12)}${'change'.padStart(12)}`,
        );
      title = rowTitle;
      lines.push(seriesLine(row));
    }
  }
  for (const note of report.notes) lines.push('', `note: ${note}`);
  return lines.join('\n') + '\n';
}

/** A finding's title, after the process or thread it is in when the session had several. */
function placed(finding: Finding): string {
  return finding.place ? `${placeName(finding.place)}: ${finding.title}` : finding.title;
}

function signed(value: number, unit: string): string {
  const text = formatValue(Math.abs(value), unit);
  return value > 0 ? `+${text}` : value < 0 ? `-${text}` : text;
}

function seriesLine(row: SeriesDelta): string {
  const show = (v: number | null): string => (v === null ? '-' : seriesValue(v, row.unit));
  const change =
    row.ratio === null ? (row.delta === null ? '-' : show(row.delta)) : `×${row.ratio.toFixed(2)}`;
  return `${row.metric.padEnd(30)}${show(row.base).padStart(12)}${show(row.current).padStart(12)}${change.padStart(12)}`;
}

function seriesValue(value: number, unit: string): string {
  if (unit === 'bytes') return formatValue(value, 'bytes');
  if (unit === 'ms') return `${Number(value.toFixed(1))} ms`;
  if (unit === 'ratio') return formatPercent(value);
  return String(Number(value.toFixed(1)));
}
