/** `hyperscope ps` as text: one row per process, command lines cut to the terminal's width. */
import type { NodeProcessInfo } from './list-node-processes';

const HEADERS = ['PID', 'NODE', 'INSPECTOR', 'COMMAND'] as const;

/** Formats the table; `width` (columns) cuts long command lines, when given. */
export function formatProcessTable(processes: readonly NodeProcessInfo[], width?: number): string {
  if (processes.length === 0) return 'no Node.js processes found\n';
  const rows = processes.map((p) => [
    String(p.pid),
    p.nodeVersion ?? '?',
    p.inspector ? `${p.inspector.host}:${p.inspector.port}` : 'closed',
    p.argv.join(' '),
  ]);
  const widths = [0, 1, 2].map((column) =>
    Math.max(HEADERS[column]!.length, ...rows.map((r) => r[column]!.length)),
  );
  const lines = [[...HEADERS], ...rows].map((cells) => {
    const line = cells.map((cell, i) => (i < widths.length ? cell.padEnd(widths[i]! + 2) : cell)).join('');
    return width && line.length > width ? `${line.slice(0, Math.max(width - 1, 0))}…` : line;
  });
  return lines.join('\n') + '\n';
}
