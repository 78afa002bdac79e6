/**
 * Zoom and pan of the flame graph along its value axis, and hit testing. Pure: ranges are in the value
 * type's unit (µs, bytes), `anchor` and pan amounts are fractions of the visible width.
 */
import type { FlameLayout } from '../../core/profile/flame-layout';
import type { FlameRect } from '../../core/profile/flame-view-model';
import { isSystemFrame } from '../../core/profile/profile-model';

export interface ValueRange {
  x0: number;
  x1: number;
}

/** The narrowest range one can zoom to, as a fraction of the extent (a million-fold zoom). */
const MIN_SPAN_FRACTION = 1e-6;

function clamp(range: ValueRange, extent: number): ValueRange {
  const span = Math.min(extent, Math.max(range.x1 - range.x0, extent * MIN_SPAN_FRACTION));
  const x0 = Math.min(Math.max(0, range.x0), extent - span);
  return { x0, x1: x0 + span };
}

/** Zooms by `factor` (< 1 zooms in) keeping the point at `anchor` (0 = left edge, 1 = right) in place. */
export function zoomAt(range: ValueRange, extent: number, factor: number, anchor = 0.5): ValueRange {
  const span = range.x1 - range.x0;
  const at = range.x0 + span * anchor;
  const next = span * factor;
  return clamp({ x0: at - next * anchor, x1: at - next * anchor + next }, extent);
}

/** Moves by `fraction` of the visible width (positive: to the right). */
export function panBy(range: ValueRange, extent: number, fraction: number): ValueRange {
  const shift = (range.x1 - range.x0) * fraction;
  return clamp({ x0: range.x0 + shift, x1: range.x1 + shift }, extent);
}

/** The range that shows node `[start, start + width)` across the whole view. */
export function rangeOf(start: number, width: number, extent: number): ValueRange {
  return clamp({ x0: start, x1: start + Math.max(width, extent * MIN_SPAN_FRACTION) }, extent);
}

/** The rectangle under `xPx` at `depth`, if any. */
export function hitTest(rects: readonly FlameRect[], xPx: number, depth: number): FlameRect | undefined {
  for (const rect of rects)
    if (rect.depth === depth && xPx >= rect.x && xPx < rect.x + rect.width) return rect;
  return undefined;
}

/**
 * The layout with V8's pseudo-roots — (idle), (program), (garbage collector) — moved after the code, and
 * the span of the code: an idle service's profile is mostly (idle), which would squeeze its code into a
 * sliver. Pre-order keeps every root's subtree in one index range, so moving a root shifts that range.
 */
export function codeFirst(layout: FlameLayout): { layout: FlameLayout; code: ValueRange } {
  const { model } = layout;
  const isCode = (root: number): boolean => {
    const frame = model.frames[model.nodes.frame[root] ?? -1];
    return frame !== undefined && !isSystemFrame(frame);
  };
  const byIndex = Array.from(layout.roots).sort((a, b) => a - b);
  const subtreeEnd = new Map(byIndex.map((root, i) => [root, byIndex[i + 1] ?? model.nodes.count]));
  const roots = Int32Array.from([
    ...Array.from(layout.roots).filter(isCode),
    ...Array.from(layout.roots).filter((r) => !isCode(r)),
  ]);
  const x = Float64Array.from(layout.x);
  let offset = 0;
  let codeEnd = 0;
  for (const root of roots) {
    const shift = offset - (layout.x[root] ?? 0);
    for (let i = root; i < (subtreeEnd.get(root) ?? root + 1); i++) x[i] = (layout.x[i] ?? 0) + shift;
    offset += layout.width[root] ?? 0;
    if (isCode(root)) codeEnd = offset;
  }
  return {
    layout: { ...layout, x, roots },
    code: codeEnd > 0 ? rangeOf(0, codeEnd, layout.extent) : { x0: 0, x1: layout.extent },
  };
}
