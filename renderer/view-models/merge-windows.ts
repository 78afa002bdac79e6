/**
 * A session records profiles in windows (10 s each by default); the CPU and Allocations views show the
 * whole session, so the windows are merged into one raw profile before the model is built: node ids are
 * made unique per window and every window's root becomes the first window's root.
 */
import type { Protocol } from 'devtools-protocol';
import type { AllocNode } from '../../core/session/records';
import type { AllocProfileWindow, CpuProfileWindow } from '../../core/session/session';

/** One CPU profile for all `windows` (µs timings concatenated), or null when there are none. */
export function mergeCpuWindows(windows: readonly CpuProfileWindow[]): Protocol.Profiler.Profile | null {
  const first = windows[0];
  if (!first) return null;
  if (windows.length === 1) return first.profile;
  const rootOf = (p: Protocol.Profiler.Profile): Protocol.Profiler.ProfileNode | undefined =>
    p.nodes.find((n) => n.callFrame.functionName === '(root)' && n.callFrame.url === '') ?? p.nodes[0];
  const firstRoot = rootOf(first.profile);
  if (!firstRoot) return first.profile;
  const root: Protocol.Profiler.ProfileNode = { ...firstRoot, children: [...(firstRoot.children ?? [])] };
  const nodes: Protocol.Profiler.ProfileNode[] = [root];
  const samples: number[] = [];
  const timeDeltas: number[] = [];
  let offset = 0;
  windows.forEach(({ profile }) => {
    const localRoot = rootOf(profile);
    const remap = (id: number): number => (id === localRoot?.id ? root.id : id + offset);
    for (const node of profile.nodes) {
      if (node === localRoot) {
        if (profile !== first.profile) root.children!.push(...(node.children ?? []).map(remap));
        continue;
      }
      nodes.push({
        ...node,
        id: remap(node.id),
        ...(node.children ? { children: node.children.map(remap) } : {}),
      });
    }
    for (const id of profile.samples ?? []) samples.push(remap(id));
    timeDeltas.push(...(profile.timeDeltas ?? []));
    offset += maxId(profile.nodes) + 1;
  });
  const span = timeDeltas.reduce((sum, d) => sum + d, 0);
  return {
    nodes,
    startTime: first.profile.startTime,
    endTime: first.profile.startTime + span,
    samples,
    timeDeltas,
  };
}

/** One allocation window's nodes and samples for all `windows` (ordinals kept increasing), or null. */
export function mergeAllocWindows(
  windows: readonly AllocProfileWindow[],
): (Pick<AllocProfileWindow, 'nodes' | 'samples'> & { samplingInterval: number }) | null {
  const first = windows[0];
  if (!first) return null;
  const firstRoot = first.nodes.find((n) => n.parent === 0);
  const nodes: AllocNode[] = [];
  const samples: AllocProfileWindow['samples'] = [];
  let idOffset = 0;
  let ordinalOffset = 0;
  for (const window of windows) {
    const localRoot = window.nodes.find((n) => n.parent === 0);
    const remap = (id: number): number => (firstRoot && id === localRoot?.id ? firstRoot.id : id + idOffset);
    for (const node of window.nodes) {
      if (window !== first && node === localRoot && firstRoot) continue;
      nodes.push({
        ...node,
        id: window === first ? node.id : remap(node.id),
        parent: node.parent === 0 ? 0 : window === first ? node.parent : remap(node.parent),
      });
    }
    let maxOrdinal = 0;
    for (const s of window.samples) {
      samples.push({
        size: s.size,
        nodeId: window === first ? s.nodeId : remap(s.nodeId),
        ordinal: s.ordinal + ordinalOffset,
      });
      maxOrdinal = Math.max(maxOrdinal, s.ordinal);
    }
    idOffset += maxId(window.nodes) + 1;
    ordinalOffset += maxOrdinal + 1;
  }
  return { nodes, samples, samplingInterval: first.meta.samplingInterval };
}

function maxId(nodes: readonly { id: number }[]): number {
  let max = 0;
  for (const n of nodes) max = Math.max(max, n.id);
  return max;
}
