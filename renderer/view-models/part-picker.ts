/**
 * The process/thread picker's view-model: "All (combined)" and one choice per part with what a user
 * must see before picking — its pid and thread, how many critical and warning findings it has, and
 * whether it ended before the session did. Also where a finding happened, in words. Pure.
 */
import type { Finding, FindingPlace } from '../../core/findings/finding';
import { MAIN_PART_ID } from '../../core/session/session-parts';
import { formatSeconds } from './format';
import type { PartData } from './session-part-list';

export interface PartChoice {
  /** The part's id; null for all parts combined. */
  id: string | null;
  label: string;
  /** `pid 4243 · thread 1`; for all: how many processes and threads. */
  detail: string;
  /** A codicon name. */
  icon: string;
  critical: number;
  warning: number;
  /** `exited at 12s`, `lost at 3.5s`; null when recorded to the end. */
  ended: string | null;
  selected: boolean;
}

/** Every choice, "All" first; none for a one-process session (nothing to pick). */
export function partChoices(
  parts: readonly PartData[],
  findings: readonly Finding[],
  selected: string | null,
  startTime: number,
): PartChoice[] {
  if (parts.length <= 1) return [];
  const chosen = parts.some((part) => part.id === selected) ? selected : null;
  const all: PartChoice = {
    id: null,
    label: 'All (combined)',
    detail: countParts(parts),
    icon: 'layers',
    ...severityCounts(findings),
    ended: null,
    selected: chosen === null,
  };
  return [
    all,
    ...parts.map((part) => ({
      id: part.id,
      label: part.label,
      detail: partDetail(part),
      icon: part.kind === 'thread' ? 'git-commit' : 'server-process',
      ...severityCounts(findingsOfPart(findings, part.id)),
      ended: part.ended
        ? `${part.ended.reason} at ${formatSeconds(Math.max(0, (part.ended.time - startTime) / 1000))}`
        : null,
      selected: chosen === part.id,
    })),
  ];
}

/** The part a finding is about: its place, or the header's target for an unplaced one. */
export function partOfFinding(finding: Finding): string {
  return finding.place?.part ?? MAIN_PART_ID;
}

/** The findings of one part; all of them for null (all parts). */
export function findingsOfPart(findings: readonly Finding[], part: string | null): Finding[] {
  return part === null ? [...findings] : findings.filter((finding) => partOfFinding(finding) === part);
}

/**
 * Where a finding happened, when the session has several parts: its place, or the header's target for
 * one a live analysis of the target reported unplaced. Null in a one-process session.
 */
export function findingPlace(finding: Finding, parts: readonly PartData[]): FindingPlace | null {
  if (finding.place) return finding.place;
  const main = parts[0];
  if (parts.length <= 1 || !main) return null;
  return { part: main.id, label: main.label, pid: main.pid, threadId: main.threadId };
}

/**
 * What a part's label does not say already: `pid 4243`, `pid 4242 · thread 1`; `thread 1` after
 * `main thread (pid 4242)`, nothing after `primary (pid 4242)`.
 */
export function partDetail(part: Pick<PartData, 'label' | 'pid' | 'threadId'>): string {
  const thread = part.threadId > 0 ? `thread ${part.threadId}` : '';
  if (part.label.includes(`pid ${part.pid}`)) return thread;
  return thread ? `pid ${part.pid} · ${thread}` : `pid ${part.pid}`;
}

/** Where a finding happened: `worker 2 of 4 · pid 4243`, `primary (pid 4242)`. */
export function placeText(place: FindingPlace): string {
  const detail = partDetail(place);
  return detail ? `${place.label} · ${detail}` : place.label;
}

function severityCounts(findings: readonly Finding[]): { critical: number; warning: number } {
  return {
    critical: findings.filter((f) => f.severity === 'critical').length,
    warning: findings.filter((f) => f.severity === 'warning').length,
  };
}

/** `3 processes`, `1 process, 2 threads`. */
export function countParts(parts: readonly Pick<PartData, 'kind'>[]): string {
  const processes = parts.filter((part) => part.kind === 'process').length;
  const threads = parts.length - processes;
  const words = [
    processes > 0 ? `${processes} process${processes === 1 ? '' : 'es'}` : '',
    threads > 0 ? `${threads} thread${threads === 1 ? '' : 's'}` : '',
  ];
  return words.filter(Boolean).join(', ');
}
