/**
 * A static flame graph as SVG (classic orientation: roots at the bottom), laid out by the flame view-model
 * at a fixed width. Each box has a `<title>` tooltip; every string is escaped (names come from the target).
 */
import type { DeltaColoring } from '../diff/flame-diff-model';
import { layoutFlame } from '../profile/flame-layout';
import { colorKeyOf, flameRects, type FlameColorKey } from '../profile/flame-view-model';
import { formatValue } from '../profile/format-value';
import { frameLabel, type ProfileModel } from '../profile/profile-model';
import { batched } from './chunks';
import { escapeMarkup } from './markup-escape';

const WIDTH_PX = 1200;
const ROW_PX = 16;
const HEADER_PX = 28;
/** Average glyph width of the 11 px monospace font, px: decides how much of a label fits. */
const CHAR_PX = 6.7;

/** Hue and saturation by colour family; lightness varies with the name so that neighbours differ. */
const PALETTE: Record<FlameColorKey, [number, number]> = {
  app: [20, 85],
  dependency: [45, 75],
  node: [200, 45],
  native: [280, 35],
  system: [0, 0],
  merged: [0, 0],
};

export interface SvgOptions {
  title: string;
  /** Colour boxes by change against a base (differential flame graph) instead of by frame family. */
  delta?: DeltaColoring;
}

/** The SVG of `model`'s value type `valueIndex`, in chunks. */
export function* svgChunks(model: ProfileModel, valueIndex: number, options: SvgOptions): Generator<string> {
  yield* batched(svgPieces(model, valueIndex, options));
}

function* svgPieces(
  model: ProfileModel,
  valueIndex: number,
  { title, delta }: SvgOptions,
): Generator<string> {
  const layout = layoutFlame(model, valueIndex, 'alphabetical');
  const unit = model.valueTypes[valueIndex]!.unit;
  const rects = flameRects(layout, {
    x0: 0,
    x1: layout.extent || 1,
    depth0: 0,
    depth1: layout.depthCount,
    widthPx: WIDTH_PX,
    minWidthPx: 0.5,
  });
  const height = HEADER_PX + layout.depthCount * ROW_PX + 4;
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH_PX}" height="${height}" viewBox="0 0 ${WIDTH_PX} ${height}" font-family="monospace" font-size="11">\n`;
  yield `<rect width="100%" height="100%" fill="#fdfdf8"/>\n`;
  yield `<text x="${WIDTH_PX / 2}" y="18" text-anchor="middle" font-size="14">${escapeMarkup(title)} — ${escapeMarkup(formatValue(layout.extent, unit))}</text>\n`;
  for (const rect of rects) {
    const y = height - 4 - (rect.depth + 1) * ROW_PX;
    const frame = model.frames[model.nodes.frame[rect.nodeIndex]!]!;
    const value = rect.merged > 1 ? 0 : layout.width[rect.nodeIndex]!;
    const share = layout.extent > 0 ? ((value / layout.extent) * 100).toFixed(2) : '0';
    const tip =
      rect.merged > 1
        ? `${rect.merged} small frames`
        : `${frameLabel(frame)}${frame.url ? ` (${frame.url}:${frame.line}:${frame.column})` : ''}\n${formatValue(value, unit)}, ${share}%`;
    const note = delta && rect.merged === 1 ? `\n${delta.noteOf(rect.nodeIndex)}` : '';
    const fill =
      delta && rect.merged === 1
        ? delta.fillOf(rect.nodeIndex)
        : colorOf(rect.merged > 1 ? 'merged' : colorKeyOf(frame), rect.label);
    yield `<g><title>${escapeMarkup(tip + note)}</title><rect x="${rect.x.toFixed(2)}" y="${y}" width="${rect.width.toFixed(2)}" height="${ROW_PX - 1}" fill="${fill}" rx="1"/>`;
    const chars = Math.floor((rect.width - 6) / CHAR_PX);
    if (chars >= 3) {
      const label = rect.label.length > chars ? `${rect.label.slice(0, chars - 1)}…` : rect.label;
      yield `<text x="${(rect.x + 3).toFixed(2)}" y="${y + ROW_PX - 4}">${escapeMarkup(label)}</text>`;
    }
    yield '</g>\n';
  }
  yield '</svg>\n';
}

function colorOf(key: FlameColorKey, label: string): string {
  const [hue, saturation] = PALETTE[key];
  let hash = 0;
  for (let i = 0; i < label.length; i++) hash = (hash * 31 + label.charCodeAt(i)) | 0;
  const lightness = (key === 'system' || key === 'merged' ? 75 : 55) + (Math.abs(hash) % 20);
  return `hsl(${hue},${saturation}%,${lightness}%)`;
}
