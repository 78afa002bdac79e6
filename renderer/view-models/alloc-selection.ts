/**
 * What the Allocations view shows for the flame node the user picked: the size histogram and the
 * allocated-vs-still-alive bytes of that call site (the node's stack, callees included: the box's width),
 * or of every call of its function (each stack through it, recursion counted once).
 */
import { siteKey } from '../../core/findings/alloc-site-stats';
import { BUCKET_LABELS, type AllocHistograms, type SizeHistogram } from '../../core/profile/alloc-histogram';
import { stackOf, type AllocatedRetained } from '../../core/profile/allocated-retained';
import type { ProfileModel } from '../../core/profile/profile-model';

/** 'site': the selected node's stack; 'function': every stack through the node's function. */
export type AllocScope = 'site' | 'function';

/** Bytes allocated and still alive under a call site or function, from `splitAllocatedRetained`. */
export interface ScopeSplit {
  allocatedBytes: number;
  aliveBytes: number;
  /** alive ÷ allocated; 0 when nothing was allocated. */
  aliveRatio: number;
}

/** The summed per-site histograms of the nodes under `node` (itself included) or under every node of its frame. */
export function scopeHistogram(
  model: ProfileModel,
  histograms: AllocHistograms,
  node: number,
  scope: AllocScope,
): SizeHistogram {
  const sum: SizeHistogram = { samples: zeros(), bytes: zeros(), objects: zeros() };
  for (const start of scope === 'site' ? [node] : nodesOfFrame(model, model.nodes.frame[node]!)) {
    // The end once per subtree: in the loop's condition it would rescan the subtree at every node.
    for (let i = start, end = subtreeEnd(model, start); i < end; i++) {
      const site = histograms.bySite.get(i);
      site?.bytes.forEach((bytes, k) => {
        sum.bytes[k]! += bytes;
        sum.samples[k]! += site.samples[k]!;
        sum.objects[k]! += site.objects[k]!;
      });
    }
  }
  return sum;
}

/**
 * Allocated and still-alive bytes of the call stacks that pass through the selected node's site (the
 * stack ends with the node's) or, for 'function', through its function anywhere.
 */
export function scopeSplit(
  split: AllocatedRetained,
  model: ProfileModel,
  node: number,
  scope: AllocScope,
): ScopeSplit {
  // Rows and the stack are innermost first; frames match by name and place, across the two models.
  const stack = stackOf(model, node).map(siteKey);
  const fn = stack[0];
  const under = (frames: string[]): boolean =>
    scope === 'function'
      ? frames.includes(fn!)
      : frames.length >= stack.length &&
        stack.every((key, k) => frames[frames.length - stack.length + k] === key);
  let allocatedBytes = 0;
  let aliveBytes = 0;
  for (const row of split.bySite) {
    if (!under(row.frames.map(siteKey))) continue;
    allocatedBytes += row.allocatedBytes;
    aliveBytes += row.aliveBytes;
  }
  return { allocatedBytes, aliveBytes, aliveRatio: allocatedBytes > 0 ? aliveBytes / allocatedBytes : 0 };
}

/** One past the last node of `node`'s subtree: pre-order keeps a subtree contiguous. */
function subtreeEnd(model: ProfileModel, node: number): number {
  const { depth, count } = model.nodes;
  let end = node + 1;
  while (end < count && depth[end]! > depth[node]!) end++;
  return end;
}

/** The outermost nodes of `frame`: nodes of it under another of its nodes are in that one's subtree. */
function nodesOfFrame(model: ProfileModel, frame: number): number[] {
  const outermost: number[] = [];
  let coveredUntil = 0;
  for (let i = 0; i < model.nodes.count; i++) {
    if (i < coveredUntil || model.nodes.frame[i] !== frame) continue;
    outermost.push(i);
    coveredUntil = subtreeEnd(model, i);
  }
  return outermost;
}

function zeros(): number[] {
  return new Array<number>(BUCKET_LABELS.length).fill(0);
}
