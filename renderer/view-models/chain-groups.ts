/**
 * The Blocking chains view's model: which snapshots carry a promise section (the time slider's stops),
 * and one row per chain group, like a goroutine dump — how many, how old, waiting on what, created where.
 */
import type { AgentSnapshot } from '../../core/agent-protocol';
import type { ChainGroup, PromiseSection, WaitReason } from '../../core/chains/promise-section';
import { promiseSectionOf } from '../../core/chains/promise-sections';
import { formatFrame } from '../../core/frame';

/** One stop of the time slider: a snapshot with a promise section. */
export interface ChainStop {
  /** Seconds since the start. */
  t: number;
  section: PromiseSection;
}

export function chainStops(snapshots: readonly AgentSnapshot[], startTime: number): ChainStop[] {
  const stops: ChainStop[] = [];
  for (const snapshot of snapshots) {
    const section = promiseSectionOf(snapshot);
    if (section) stops.push({ t: (snapshot.time - startTime) / 1000, section });
  }
  return stops;
}

const WAIT_LABELS: Record<WaitReason['kind'], string> = {
  'socket-connect': 'socket connect',
  'tls-handshake': 'TLS handshake',
  'dns-lookup': 'DNS lookup',
  'pool-queue': 'a pooled socket (queued)',
  'socket-read': 'socket read',
  timer: 'a timer',
  file: 'a file',
  stream: 'a stream',
  worker: 'a reply (postMessage)',
  group: 'another chain',
  untracked: 'unknown (created before sampling)',
  none: 'nothing (never resolved?)',
};

export function describeWait(reason: WaitReason): string {
  const label = WAIT_LABELS[reason.kind] ?? reason.kind;
  return reason.detail ? `${label} — ${reason.detail}` : label;
}

export interface ChainGroupRow {
  id: string;
  /** The creation site (innermost frame), or a note when no stack was sampled. */
  site: string;
  group: ChainGroup;
  /** The most common wait, e.g. `a pooled socket (queued) — db:9000`. */
  mainWait: string;
  /** Share of all observed chains in this group, 0..1. */
  share: number;
}

export function chainGroupRows(section: PromiseSection): ChainGroupRow[] {
  const total = section.chains || section.groups.reduce((n, g) => n + g.count, 0) || 1;
  return [...section.groups]
    .sort((a, b) => b.count - a.count || b.ageMaxMs - a.ageMaxMs)
    .map((group) => ({
      id: group.id,
      site: group.frames[0] ? formatFrame(group.frames[0]) : '(no creation stack sampled)',
      group,
      mainWait: group.waits[0] ? describeWait(group.waits[0].reason) : 'unknown',
      share: group.count / total,
    }));
}
