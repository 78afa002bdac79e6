/**
 * Puts two sessions side by side for the Sessions view: the figures a reader compares first (peaks and
 * means over the snapshots) and which findings appeared, went away or stayed.
 */
import type { AgentSnapshot } from '../agent-protocol';
import type { Finding, Severity } from '../findings/finding';
import { queuedInAllPools } from '../network/all-pools';
import type { Session } from '../session/session';
import { sessionDurationMs } from '../session/session';
import type { ComparisonRow, SeriesComparison } from './session-comparison';

/** A session with a name and its findings: what the comparison reads. */
export interface NamedSession {
  name: string;
  session: Session;
  findings: Finding[];
}

interface Figure {
  metric: string;
  unit: string;
  of(session: Session): number | null;
}

const peak =
  (read: (s: AgentSnapshot) => number | null | undefined) =>
  (session: Session): number | null => {
    let best: number | null = null;
    for (const snapshot of session.snapshots) {
      const v = read(snapshot);
      if (typeof v === 'number' && (best === null || v > best)) best = v;
    }
    return best;
  };

const mean =
  (read: (s: AgentSnapshot) => number) =>
  (session: Session): number | null =>
    session.snapshots.length === 0
      ? null
      : session.snapshots.reduce((sum, s) => sum + read(s), 0) / session.snapshots.length;

const FIGURES: Figure[] = [
  { metric: 'Duration', unit: 'ms', of: (s) => sessionDurationMs(s) },
  { metric: 'Snapshots', unit: 'count', of: (s) => s.snapshots.length },
  { metric: 'Peak sockets', unit: 'count', of: peak((s) => s.sockets.total) },
  {
    metric: 'Peak queued requests',
    unit: 'count',
    of: peak(queuedInAllPools),
  },
  { metric: 'Peak open FDs', unit: 'count', of: peak((s) => s.fds.open) },
  { metric: 'Peak event-loop delay p99', unit: 'ms', of: peak((s) => s.eventLoop.delayP99Ms) },
  { metric: 'Mean event-loop utilisation', unit: 'ratio', of: mean((s) => s.eventLoop.utilization) },
  { metric: 'Peak heap used', unit: 'bytes', of: peak((s) => s.memory.heapUsed) },
  { metric: 'Peak requests in flight', unit: 'count', of: peak((s) => s.http.inFlight) },
];

/** The worst severity of each finding kind, in the order they are first seen. */
function worstByKind(findings: Finding[]): Map<Finding['kind'], Severity> {
  const rank: Record<Severity, number> = { critical: 3, warning: 2, info: 1 };
  const out = new Map<Finding['kind'], Severity>();
  for (const f of findings) {
    const seen = out.get(f.kind);
    if (!seen || rank[f.severity] > rank[seen]) out.set(f.kind, f.severity);
  }
  return out;
}

export function compareSessions(base: NamedSession, current: NamedSession): SeriesComparison {
  const rows: ComparisonRow[] = FIGURES.map((f) => ({
    metric: f.metric,
    unit: f.unit,
    base: f.of(base.session),
    current: f.of(current.session),
  }));
  const before = worstByKind(base.findings);
  const after = worstByKind(current.findings);
  const kinds = [...new Set([...before.keys(), ...after.keys()])];
  return {
    baseName: base.name,
    currentName: current.name,
    rows,
    findings: kinds.map((kind) => ({
      kind,
      base: before.get(kind) ?? null,
      current: after.get(kind) ?? null,
    })),
  };
}
