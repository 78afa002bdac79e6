/**
 * A session in original sources: every frame a source map covers moved to its original file, line and
 * column — pools' creation and queueing stacks, promise chain groups, TLS stacks, and the call frames of
 * the CPU and allocation profiles. Pure: takes decoded maps (loading them is the Node side's job,
 * `main/profile/session-source-maps.ts`), returns a new session and never mutates the input.
 * Stacks are call sites, where a map's `name` is the callee's identifier: the function name is kept as V8
 * gave it everywhere (as `core/report/remap-report.ts` does).
 */
import type { Protocol } from 'devtools-protocol';
import type { AgentSnapshot, PoolOrigin } from '../agent-protocol';
import { promiseSectionOf } from '../chains/promise-sections';
import { remapSection } from '../chains/remap-chains';
import type { Frame } from '../frame';
import { readTlsSection, TLS_SECTION_KEY, type TlsSection } from '../network/tls-section';
import { originalFrame, type SourceMaps } from '../profile/source-map';
import type { Session } from './session';
import { heapGrowthUrls, remapHeapGrowth } from '../retainers/remap-heap-growth';

/** `session` with its frames remapped; the same object when `maps` is empty. */
export function remapSession(session: Session, maps: SourceMaps): Session {
  if (maps.size === 0) return session;
  // A cluster's workers and a process's threads run the same bundles: their frames move too.
  return {
    ...session,
    ...remapData(session, maps),
    sources: session.sources.map((source) => ({ ...source, ...remapData(source, maps) })),
  };
}

type RecordedData = Pick<Session, 'snapshots' | 'cpuProfiles' | 'allocProfiles' | 'heapGrowth'>;

/** The snapshots and profiles of one process or thread, remapped. */
function remapData(data: RecordedData, maps: SourceMaps): RecordedData {
  const remapCall = (frame: Protocol.Runtime.CallFrame) => remapCallFrame(frame, maps);
  return {
    snapshots: data.snapshots.map((snapshot) => remapSnapshot(snapshot, maps)),
    cpuProfiles: data.cpuProfiles.map((window) => ({
      ...window,
      profile: {
        ...window.profile,
        nodes: window.profile.nodes.map((node) => ({ ...node, callFrame: remapCall(node.callFrame) })),
      },
    })),
    allocProfiles: data.allocProfiles.map((window) => ({
      ...window,
      nodes: window.nodes.map((node) => ({ ...node, callFrame: remapCall(node.callFrame) })),
    })),
    ...(data.heapGrowth
      ? { heapGrowth: data.heapGrowth.map((growth) => remapHeapGrowth(growth, maps)) }
      : {}),
  };
}

/** One snapshot with its pools', promise groups' and TLS frames remapped (live snapshots go one by one). */
export function remapSnapshot(snapshot: AgentSnapshot, maps: SourceMaps): AgentSnapshot {
  if (maps.size === 0) return snapshot;
  const promises = promiseSectionOf(snapshot);
  const tls = readTlsSection(snapshot);
  return {
    ...snapshot,
    pools: snapshot.pools.map((pool) => remapPool(pool, maps)),
    ...(snapshot.extensions
      ? {
          extensions: {
            ...snapshot.extensions,
            ...(promises ? { promises: remapSection(promises, maps) } : {}),
            ...(tls ? { [TLS_SECTION_KEY]: remapTls(tls, maps) } : {}),
          },
        }
      : {}),
  };
}

/** Every script url the session's frames name (snapshots and profiles of every source), for loading maps. */
export function sessionFrameUrls(session: Session): Set<string> {
  const urls = new Set<string>();
  for (const data of [session, ...session.sources]) {
    for (const snapshot of data.snapshots) for (const url of snapshotFrameUrls(snapshot)) urls.add(url);
    for (const window of data.cpuProfiles)
      for (const node of window.profile.nodes) urls.add(node.callFrame.url);
    for (const window of data.allocProfiles) for (const node of window.nodes) urls.add(node.callFrame.url);
    for (const growth of data.heapGrowth ?? []) for (const url of heapGrowthUrls(growth)) urls.add(url);
  }
  urls.delete('');
  return urls;
}

/** Every script url one snapshot's frames name. */
export function snapshotFrameUrls(snapshot: AgentSnapshot): Set<string> {
  const promises = promiseSectionOf(snapshot);
  const tls = readTlsSection(snapshot);
  const frames: Frame[] = [
    ...snapshot.pools.flatMap((pool) => poolFrames.flatMap((field) => pool[field] ?? [])),
    ...(promises?.groups.flatMap((group) => [...group.frames, ...(group.waitFrames ?? [])]) ?? []),
    ...(tls?.hosts.flatMap((host) => host.slowestFrames) ?? []),
    ...(tls?.pending.flatMap((pending) => pending.frames) ?? []),
  ];
  const urls = new Set(frames.map((frame) => frame.url));
  urls.delete('');
  return urls;
}

/** A pool's stacks: where it was made, and where requests that queued, opened or held sockets were made. */
const poolFrames = ['createdAt', 'queuedFrom', 'openedFrom', 'heldBy'] as const;

function remapPool(pool: PoolOrigin, maps: SourceMaps): PoolOrigin {
  const remapped: PoolOrigin = { ...pool };
  for (const field of poolFrames) {
    const frames = pool[field];
    if (frames) remapped[field] = remapFrames(frames, maps);
  }
  return remapped;
}

function remapTls(section: TlsSection, maps: SourceMaps): TlsSection {
  return {
    ...section,
    hosts: section.hosts.map((host) => ({ ...host, slowestFrames: remapFrames(host.slowestFrames, maps) })),
    pending: section.pending.map((pending) => ({ ...pending, frames: remapFrames(pending.frames, maps) })),
  };
}

function remapFrames(frames: readonly Frame[], maps: SourceMaps): Frame[] {
  return frames.map((frame) => {
    const original = originalFrame(frame, maps);
    return original ? { ...original, functionName: frame.functionName } : frame;
  });
}

/** A CDP call frame (0-based line and column) moved to its original place, still 0-based; `scriptId` kept. */
function remapCallFrame(callFrame: Protocol.Runtime.CallFrame, maps: SourceMaps): Protocol.Runtime.CallFrame {
  const { functionName, url, lineNumber, columnNumber } = callFrame;
  const original = originalFrame({ functionName, url, line: lineNumber + 1, column: columnNumber + 1 }, maps);
  if (!original) return callFrame;
  return {
    ...callFrame,
    url: original.url,
    lineNumber: original.line - 1,
    columnNumber: original.column - 1,
  };
}
