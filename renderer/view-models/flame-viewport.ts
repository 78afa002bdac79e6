/**
 * Zoom and pan of the flame graph along its value axis, and hit testing. Pure: ranges are in the value
 * type's unit (µs, bytes), `anchor` and pan amounts are fractions of the visible width.
 */
import type { FlameRect } from '../../core/profile/flame-view-model';

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
