/** Paints flame rectangles on a 2D canvas: one row per depth, labels where they fit, search matches highlighted. */
import type { FlameRect } from '../../core/profile/flame-view-model';
import type { FlamePalette } from './flame-colors';

export const ROW_HEIGHT_PX = 18;
const LABEL_MIN_WIDTH_PX = 28;
const PADDING_PX = 4;

export interface DrawOptions {
  rects: readonly FlameRect[];
  widthPx: number;
  /** The canvas's height, px; it shows the flame graph from `topPx` down (0 when absent). */
  heightPx: number;
  topPx?: number;
  pixelRatio: number;
  palette: FlamePalette;
  /** Nodes whose frame matches the search; null when there is no search. */
  matches: ((nodeIndex: number) => boolean) | null;
  selectedNode: number | null;
  font: string;
  /** A fill per node instead of the palette's per frame family (a differential flame graph). */
  fillOf?: (nodeIndex: number) => string;
}

export function drawFlame(context: CanvasRenderingContext2D, options: DrawOptions): void {
  const { rects, palette, matches } = options;
  context.setTransform(options.pixelRatio, 0, 0, options.pixelRatio, 0, 0);
  context.clearRect(0, 0, options.widthPx, options.heightPx);
  context.font = options.font;
  context.textBaseline = 'middle';
  if (options.font !== measuredFont || measured.size > MEASURED_MAX) {
    measured.clear();
    measuredFont = options.font;
  }
  const top = options.topPx ?? 0;
  for (const rect of rects) {
    const y = rect.depth * ROW_HEIGHT_PX - top;
    const hit = matches ? rect.merged === 1 && matches(rect.nodeIndex) : false;
    const own = options.fillOf && rect.merged === 1 ? options.fillOf(rect.nodeIndex) : null;
    context.fillStyle = hit
      ? palette.highlight
      : matches
        ? palette.dimmed
        : (own ?? palette.fill[rect.colorKey]);
    // A 1 px gap between neighbours keeps boxes apart when zoomed out.
    context.fillRect(rect.x, y, Math.max(rect.width - (rect.width > 3 ? 1 : 0), 0.5), ROW_HEIGHT_PX - 1);
    if (rect.nodeIndex === options.selectedNode && rect.merged === 1) {
      context.strokeStyle = palette.selected;
      context.lineWidth = 1.5;
      context.strokeRect(rect.x + 0.75, y + 0.75, Math.max(rect.width - 2, 1), ROW_HEIGHT_PX - 2.5);
    }
    if (rect.width >= LABEL_MIN_WIDTH_PX && rect.label) {
      context.fillStyle = hit ? '#ffffff' : palette.text;
      context.fillText(
        fit(context, rect.label, rect.width - 2 * PADDING_PX),
        rect.x + PADDING_PX,
        y + ROW_HEIGHT_PX / 2,
      );
    }
  }
}

// Text widths in `measuredFont`, px: the same labels are drawn at every frame of a pan or zoom, and
// measuring them took a fifth of a frame's time on a large profile.
const measured = new Map<string, number>();
let measuredFont = '';
const MEASURED_MAX = 50_000;

function widthOf(context: CanvasRenderingContext2D, text: string): number {
  let width = measured.get(text);
  if (width === undefined) {
    width = context.measureText(text).width;
    measured.set(text, width);
  }
  return width;
}

/** `label` cut with an ellipsis to fit `maxPx`. */
function fit(context: CanvasRenderingContext2D, label: string, maxPx: number): string {
  if (widthOf(context, label) <= maxPx) return label;
  const perChar = widthOf(context, 'm') * 0.6;
  let n = Math.max(0, Math.floor(maxPx / perChar));
  while (n > 0 && widthOf(context, `${label.slice(0, n)}…`) > maxPx) n--;
  return n > 0 ? `${label.slice(0, n)}…` : '';
}
