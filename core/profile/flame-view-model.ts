/**
 * The flame graph's view-model: the rectangles to draw for a viewport, computed from a `FlameLayout`.
 * Nodes narrower than `minWidthPx` are merged with their narrow neighbours into one unlabeled
 * rectangle and their descendants are not drawn, so the cost follows what is visible, not the tree size.
 */
import type { FlameLayout } from './flame-layout';
import { frameLabel, type ProfileFrame, type ProfileModel } from './profile-model';

export interface FlameViewport {
  /** Visible range of the value axis, in the value type's unit: `[x0, x1)`. */
  x0: number;
  x1: number;
  /** Visible depths `[depth0, depth1)`; depth 0 is the roots. */
  depth0: number;
  depth1: number;
  /** Width of the drawing area, px. */
  widthPx: number;
  /** Narrower nodes are merged, px (default 1). */
  minWidthPx?: number;
}

/** 'app', 'dependency' (node_modules), 'node' (node: built-ins), 'native' (no url), 'system', 'merged'. */
export type FlameColorKey = 'app' | 'dependency' | 'node' | 'native' | 'system' | 'merged';

export interface FlameRect {
  /** The node drawn; for a merged rectangle, its first node. */
  nodeIndex: number;
  /** Left edge and width, px from the viewport's left edge, clipped to it. */
  x: number;
  width: number;
  depth: number;
  /** The function name; '' for merged rectangles. */
  label: string;
  colorKey: FlameColorKey;
  /** How many nodes the rectangle stands for (1 unless merged). */
  merged: number;
}

/** Rectangles for `viewport`, in depth-first order; at one depth they never overlap. */
export function flameRects(layout: FlameLayout, viewport: FlameViewport): FlameRect[] {
  const { model, x, width, children } = layout;
  const span = viewport.x1 - viewport.x0;
  if (!(span > 0) || !(viewport.widthPx > 0)) return [];
  const scale = viewport.widthPx / span;
  const minWidth = viewport.minWidthPx ?? 1;
  const rects: FlameRect[] = [];
  const pending: (FlameRect | undefined)[] = [];
  const flush = (depth: number): void => {
    const rect = pending[depth];
    if (rect) rects.push(rect);
    pending[depth] = undefined;
  };
  const stack = Array.from(layout.roots).reverse();
  while (stack.length > 0) {
    const i = stack.pop()!;
    const start = x[i]!;
    const end = start + width[i]!;
    const depth = model.nodes.depth[i]!;
    if (width[i]! <= 0 || end <= viewport.x0 || start >= viewport.x1 || depth >= viewport.depth1) continue;
    const left = (Math.max(start, viewport.x0) - viewport.x0) * scale;
    const right = (Math.min(end, viewport.x1) - viewport.x0) * scale;
    const narrow = right - left < minWidth;
    if (depth >= viewport.depth0) {
      if (narrow) {
        const run = pending[depth];
        // Touching narrow neighbours (within 1% of a pixel) share one rectangle.
        if (run && left - (run.x + run.width) < 0.01) {
          run.width = right - run.x;
          run.merged++;
          run.label = '';
          run.colorKey = 'merged';
        } else {
          flush(depth);
          pending[depth] = rectOf(model, i, left, right - left, depth);
        }
      } else {
        flush(depth);
        rects.push(rectOf(model, i, left, right - left, depth));
      }
    }
    if (narrow) continue;
    for (let c = children.end[i]! - 1; c >= children.start[i]!; c--) stack.push(children.list[c]!);
  }
  pending.forEach((_, depth) => flush(depth));
  return rects;
}

/** Frames whose name or url contains `query` (case-insensitive); empty for an empty query. */
export function searchFrames(model: ProfileModel, query: string): Set<number> {
  const needle = query.trim().toLowerCase();
  const found = new Set<number>();
  if (needle === '') return found;
  model.frames.forEach((frame, f) => {
    if (frameLabel(frame).toLowerCase().includes(needle) || frame.url.toLowerCase().includes(needle))
      found.add(f);
  });
  return found;
}

/** The colour family of a frame. */
export function colorKeyOf(frame: ProfileFrame): FlameColorKey {
  if (frame.category !== 'code') return 'system';
  if (frame.url === '') return 'native';
  if (frame.url.startsWith('node:')) return 'node';
  return frame.url.includes('/node_modules/') ? 'dependency' : 'app';
}

function rectOf(model: ProfileModel, node: number, x: number, width: number, depth: number): FlameRect {
  const looks = looksOf(model);
  const frame = model.nodes.frame[node]!;
  return {
    nodeIndex: node,
    x,
    width,
    depth,
    label: looks.label[frame]!,
    colorKey: looks.color[frame]!,
    merged: 1,
  };
}

/** Each frame's label and colour, once per model: rectangles are made again at every frame of a pan. */
function looksOf(model: ProfileModel): { label: string[]; color: FlameColorKey[] } {
  let looks = looksByModel.get(model);
  if (!looks) {
    looks = { label: model.frames.map(frameLabel), color: model.frames.map(colorKeyOf) };
    looksByModel.set(model, looks);
  }
  return looks;
}

const looksByModel = new WeakMap<ProfileModel, { label: string[]; color: FlameColorKey[] }>();
