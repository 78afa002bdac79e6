/**
 * One self-contained interactive flame graph: a single HTML file with the data, the script and the styles
 * inline, and a Content-Security-Policy that allows no network at all. The profile travels as JSON inside
 * `<script type="application/json">` (escaped so no name can end the element); the script draws it.
 */
import type { DeltaColoring } from '../diff/flame-diff-model';
import { colorKeyOf } from '../profile/flame-view-model';
import type { ProfileModel } from '../profile/profile-model';
import { batched, num } from './chunks';
import { HTML_FLAME_SCRIPT } from './html-flame-script';
import { escapeMarkup, jsonForScript } from './markup-escape';

const STYLE = `
  body { margin: 0; font: 13px system-ui, sans-serif; color: #222; background: #fdfdf8; }
  header { display: flex; gap: 12px; align-items: center; padding: 8px 12px; border-bottom: 1px solid #ddd; }
  h1 { font-size: 15px; margin: 0; flex: 1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  #status { padding: 4px 12px; color: #555; }
  #chart { margin: 0 12px 12px; }
  #flame { display: block; cursor: pointer; }
  #tooltip { position: fixed; pointer-events: none; background: #222; color: #fff; padding: 6px 8px;
    border-radius: 4px; white-space: pre; font: 12px monospace; max-width: 80vw; overflow: hidden; }
`;

const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'";

export interface HtmlOptions {
  title: string;
  /** Colour boxes by change against a base (differential flame graph) instead of by frame family. */
  delta?: DeltaColoring;
}

/** The HTML flame graph of `model`'s value type `valueIndex`, in chunks. */
export function* htmlChunks(
  model: ProfileModel,
  valueIndex: number,
  options: HtmlOptions,
): Generator<string> {
  yield* batched(htmlPieces(model, valueIndex, options));
}

function* htmlPieces(
  model: ProfileModel,
  valueIndex: number,
  { title, delta }: HtmlOptions,
): Generator<string> {
  const self = model.nodes.self[valueIndex];
  const type = model.valueTypes[valueIndex];
  if (!self || !type) throw new RangeError(`no value type ${valueIndex}`);
  const heading = escapeMarkup(`${title} — ${type.name}`);
  yield `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n`;
  yield `<meta http-equiv="Content-Security-Policy" content="${CSP}">\n`;
  yield `<title>${heading}</title><style>${STYLE}</style></head>\n<body>\n`;
  yield `<header><h1>${heading}</h1><input id="search" type="search" placeholder="Search functions" aria-label="Search functions">`;
  yield `<button id="reset" type="button">Reset zoom</button></header>\n<div id="status"></div>\n`;
  yield `<div id="chart"><canvas id="flame"></canvas></div><div id="tooltip" hidden></div>\n`;
  yield `<script id="profile-data" type="application/json">{"unit":${jsonForScript(type.unit)},"frames":[`;
  for (let f = 0; f < model.frames.length; f++) {
    const frame = model.frames[f]!;
    const row = [frame.functionName, frame.url, frame.line, frame.column, colorKeyOf(frame)];
    yield `${f > 0 ? ',' : ''}${jsonForScript(row)}`;
  }
  yield '],"parent":[';
  yield* numbers(model.nodes.parent);
  yield '],"frame":[';
  yield* numbers(model.nodes.frame);
  yield '],"self":[';
  yield* numbers(self, (v) => Math.max(0, v));
  if (delta) {
    // Fills and tooltip lines precomputed here, so that the script has no second colour scheme.
    yield '],"fill":[';
    for (let i = 0; i < self.length; i++) yield `${i > 0 ? ',' : ''}${jsonForScript(delta.fillOf(i))}`;
    yield '],"note":[';
    for (let i = 0; i < self.length; i++) yield `${i > 0 ? ',' : ''}${jsonForScript(delta.noteOf(i))}`;
  }
  yield `]}</script>\n<script>${HTML_FLAME_SCRIPT}</script>\n</body></html>\n`;
}

function* numbers(values: ArrayLike<number>, map = (v: number) => v): Generator<string> {
  for (let i = 0; i < values.length; i++) yield i > 0 ? `,${num(map(values[i]!))}` : num(map(values[i]!));
}
