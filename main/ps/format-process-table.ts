/**
 * `hyperscope ps` as text: one row per process, children under their parent (a cluster primary's
 * workers, PM2's apps under its daemon), command lines cut to the terminal's width.
 */
import type { NodeProcessInfo } from './list-node-processes';

const HEADERS = ['PID', 'ROLE', 'NODE', 'INSPECTOR', 'CONTAINER', 'COMMAND'] as const;

/** Formats the table; `width` (columns) cuts long lines, when given. */
export function formatProcessTable(processes: readonly NodeProcessInfo[], width?: number): string {
  if (processes.length === 0) return 'no Node.js processes found\n';
  const rows = inTreeOrder(processes).map(({ process: p, prefix }) => [
    `${prefix}${p.pid}`,
    roleText(p),
    p.nodeVersion ?? '?',
    inspectorText(p.inspector),
    p.container ?? (p.ownNamespaces.length > 0 ? `ns:${p.ownNamespaces.join(',')}` : '-'),
    p.argv.join(' '),
  ]);
  const columns = HEADERS.length - 1;
  const widths = Array.from({ length: columns }, (_, column) =>
    Math.max(HEADERS[column]!.length, ...rows.map((r) => r[column]!.length)),
  );
  const lines = [[...HEADERS], ...rows].map((cells) => {
    const line = cells.map((cell, i) => (i < columns ? cell.padEnd(widths[i]! + 2) : cell)).join('');
    return width && line.length > width ? `${line.slice(0, Math.max(width - 1, 0))}…` : line;
  });
  return lines.join('\n') + '\n';
}

/**
 * `127.0.0.1:9229`, `127.0.0.1:9229 (ns)` for one seen listening in the process's own network namespace
 * (on its 127.0.0.1, not connected to), or `closed`.
 */
export function inspectorText(inspector: NodeProcessInfo['inspector']): string {
  if (!inspector) return 'closed';
  const where = `${inspector.host}:${inspector.port}`;
  return 'namespace' in inspector ? `${where} (ns)` : where;
}

/** `primary`, `worker 2`, `pm2-daemon`, `pm2-app api (pm_id 0)`, or `-` for a process alone. */
function roleText(p: NodeProcessInfo): string {
  switch (p.role) {
    case 'worker':
      return p.clusterWorkerId === null ? 'worker' : `worker ${p.clusterWorkerId}`;
    case 'pm2-app': {
      const id = p.pm2App?.pmId === null || p.pm2App === null ? '' : ` (pm_id ${p.pm2App.pmId})`;
      return `pm2-app ${p.pm2App?.name ?? '?'}${id}`;
    }
    case 'process':
      return '-';
    default:
      return p.role;
  }
}

interface TreeRow {
  process: NodeProcessInfo;
  /** `├─ `, `│  └─ `… before the pid. */
  prefix: string;
}

/** Roots by pid, each followed by its descendants (depth first), with the branches to draw. */
function inTreeOrder(processes: readonly NodeProcessInfo[]): TreeRow[] {
  const byPid = new Map(processes.map((p) => [p.pid, p]));
  const rows: TreeRow[] = [];
  const visit = (p: NodeProcessInfo, lead: string, branch: string): void => {
    rows.push({ process: p, prefix: lead + branch });
    const children = p.children.map((pid) => byPid.get(pid)).filter((c): c is NodeProcessInfo => !!c);
    const next = lead + (branch === '' ? '' : branch === '└─ ' ? '   ' : '│  ');
    children.forEach((child, i) => visit(child, next, i === children.length - 1 ? '└─ ' : '├─ '));
  };
  const roots = processes.filter((p) => p.parent === null || !byPid.has(p.parent));
  for (const root of [...roots].sort((a, b) => a.pid - b.pid)) visit(root, '', '');
  return rows;
}
