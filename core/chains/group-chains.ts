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
  worker: 'a reply over postMessage',
  group: 'another group',
  untracked: 'unknown (created before sampling)',
  none: 'nothing seen (never resolved?)',
};

/** A group's frames as one async stack, innermost first: where it waits, then where its outermost link was created. */
function groupStack(group: Pick<ChainGroup, 'frames' | 'waitFrames'>): Frame[] {
  return [...(group.waitFrames ?? []), ...group.frames];
}

/**
 * The frame a finding names a group by: the innermost one of the service's own code (not an installed
 * package's, not Node's), else the innermost. Chains waiting inside a library (undici's fetch) are named
 * where the service called it, so one blockage seen through several of the library's promises reads as one.
 */
function chainSite(group: Pick<ChainGroup, 'frames' | 'waitFrames'>): Frame | undefined {
  const stack = groupStack(group);
  return stack.find((frame) => !isLibraryFrame(frame)) ?? stack[0];
}

/** A finding's frames for a group: its async stack from the site `chainSite` names outwards (library frames inside it left out). */
export function chainSiteStack(group: Pick<ChainGroup, 'frames' | 'waitFrames'>): Frame[] {
  const stack = groupStack(group);
  const site = chainSite(group);
  return site ? stack.slice(stack.indexOf(site)) : stack;
}

/** `fn (url:line)` of a group's site, or its id when no stack was sampled. */
export function chainSiteLabel(group: Pick<ChainGroup, 'id' | 'frames' | 'waitFrames'>): string {
  const site = chainSite(group);
  return site ? `${site.functionName || '(anonymous)'} (${site.url}:${site.line})` : group.id;
}

function isLibraryFrame(frame: Frame): boolean {
  const { url } = frame;
  return url === '' || url.startsWith('node:') || /[\\/]node_modules[\\/]/.test(url);
}

/** A short human label for a wait reason. */
export function waitLabel(reason: WaitReason): string {
  const base = LABELS[reason.kind] ?? reason.kind;
  if (reason.kind === 'group' && reason.groupId) return `${base} ${reason.groupId}`;
  // The agent names the stream it saw: an incoming request says which one.
  const request = reason.kind === 'stream' ? /^IncomingMessage (.+)$/.exec(reason.detail ?? '') : null;
  if (request) return `incoming request body (${request[1]})`;
  if (reason.kind === 'stream' && reason.detail) return `readable stream (${reason.detail})`;
  // The detail names the thread or port itself: `worker thread 3 (resize.js)`.
  if (reason.kind === 'worker' && reason.detail) return `a reply from ${reason.detail}`;
  if (reason.detail && reason.kind !== 'untracked') return `${base} (${reason.detail})`;
  return base;
}
