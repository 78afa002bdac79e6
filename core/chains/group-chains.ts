/** The goroutine-dump view of one `promises` section: groups biggest first, with readable wait reasons. */
import type { Frame } from '../frame';
import type { ChainGroup, PromiseSection, WaitReason } from './promise-section';

export interface ChainGroupView {
  id: string;
  /** The outermost link's creation site; null when its stack was not sampled. */
  site: Frame | null;
  /** Innermost first. */
  frames: Frame[];
  /** Where the chains wait (the deepest sampled link's creation stack), innermost first; empty when unknown. */
  waitFrames: Frame[];
  count: number;
  ageP50Ms: number;
  ageP99Ms: number;
  ageMaxMs: number;
  maxDepth: number;
  /** "socket connect to 10.0.0.1:443 ×12", most common first. */
  waits: { label: string; count: number; reason: WaitReason }[];
}

/** Groups of a section, biggest first (ties: oldest first). Does not mutate the section. */
export function groupChains(section: PromiseSection): ChainGroupView[] {
  return [...section.groups].sort(byCountThenAge).map((group) => ({
    id: group.id,
    site: group.frames[0] ?? null,
    frames: group.frames,
    waitFrames: group.waitFrames ?? [],
    count: group.count,
    ageP50Ms: group.ageP50Ms,
    ageP99Ms: group.ageP99Ms,
    ageMaxMs: group.ageMaxMs,
    maxDepth: group.maxDepth,
    waits: [...group.waits]
      .sort((a, b) => b.count - a.count)
      .map((wait) => ({ label: waitLabel(wait.reason), count: wait.count, reason: wait.reason })),
  }));
}

/** Sort order of groups: biggest first, ties oldest first. */
export function byCountThenAge(a: ChainGroup, b: ChainGroup): number {
  return b.count - a.count || b.ageMaxMs - a.ageMaxMs;
}

const LABELS: Record<WaitReason['kind'], string> = {
  'socket-connect': 'socket connect',
  'tls-handshake': 'TLS handshake',
  'dns-lookup': 'DNS lookup',
  'pool-queue': 'queued for a pooled socket',
  'socket-read': 'socket data',
  timer: 'timer',
  file: 'file operation',
  stream: 'readable stream (request body?)',
  group: 'another group',
  untracked: 'unknown (created before sampling)',
  none: 'nothing seen (never resolved?)',
};

/** A group's frames as one async stack, innermost first: where it waits, then where its outermost link was created. */
export function groupStack(group: Pick<ChainGroup, 'frames' | 'waitFrames'>): Frame[] {
  return [...(group.waitFrames ?? []), ...group.frames];
}

/** A short human label for a wait reason. */
export function waitLabel(reason: WaitReason): string {
  const base = LABELS[reason.kind] ?? reason.kind;
  if (reason.kind === 'group' && reason.groupId) return `${base} ${reason.groupId}`;
  if (reason.detail && reason.kind !== 'untracked') return `${base} (${reason.detail})`;
  return base;
}
