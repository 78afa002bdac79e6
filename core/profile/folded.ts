/**
 * Brendan Gregg's folded stacks: one line per stack, frames root first joined by `;`, then a space and
 * the value (`main;handle;parse 123`). Frames are written `name (url:line:column)` when the url is known.
 */
import { displayUrl } from './data-url-module';
import type { FrameInput } from './frame-table';
import { frameLabel, type ProfileFrame, type ProfileModel, type ValueType } from './profile-model';
import { StackTreeBuilder } from './stack-tree-builder';

export interface FoldedOptions {
  /** Append ` (url:line:column)` to names (default true): tells apart the many `(anonymous)` frames. */
  locations?: boolean;
}

/** One line per node with a non-zero self value of type `valueIndex`, in tree order. */
export function toFolded(model: ProfileModel, valueIndex: number, options: FoldedOptions = {}): string {
  return [...foldedLines(model, valueIndex, options)].join('');
}

/** The lines of `toFolded`, each ending in a newline, one at a time (large profiles never make one string). */
export function* foldedLines(
  model: ProfileModel,
  valueIndex: number,
  options: FoldedOptions = {},
): Generator<string> {
  const self = model.nodes.self[valueIndex];
  if (!self) throw new RangeError(`no value type ${valueIndex}`);
  const withLocations = options.locations ?? true;
  const labels = model.frames.map((frame) => foldedLabel(frame, withLocations));
  const path: string[] = [];
  for (let i = 0; i < model.nodes.count; i++) {
    path.length = model.nodes.depth[i]!;
    path.push(labels[model.nodes.frame[i]!]!);
    const value = self[i]!;
    if (value !== 0) yield `${path.join(';')} ${Number(value.toFixed(3))}\n`;
  }
}

/**
 * A frame as one folded-stack element: `;` and line breaks, which would split it, become spaces; a
 * `data:` url is shortened (`displayUrl`).
 */
export function foldedLabel(frame: ProfileFrame, withLocation: boolean): string {
  const where = withLocation && frame.url ? ` (${displayUrl(frame.url)}:${frame.line}:${frame.column})` : '';
  return `${frameLabel(frame)}${where}`.replace(/[;\r\n]/g, ' ');
}

const LOCATED = /^(.*) \((.+):(\d+):(\d+)\)$/;

/**
 * The model of folded-stack text (blank lines and `#` comments skipped). Frames written with a location
 * get it back. Throws an Error naming the line when a line has no numeric value.
 */
export function parseFolded(
  text: string,
  valueType: ValueType = { name: 'samples', unit: 'count' },
): ProfileModel {
  const { model, invalidLines } = parseFoldedLines(text, valueType);
  if (invalidLines.length > 0) throw new Error(`folded stacks, line ${invalidLines[0]}: no value`);
  return model;
}

/** A model of the valid lines of folded-stack text, and the 1-based numbers of the lines without a value. */
export interface FoldedParse {
  model: ProfileModel;
  invalidLines: number[];
}

/**
 * Folded-stack text read as speedscope reads it: a line without a numeric value (a truncated last line,
 * a stray log line) is skipped and its number returned, the rest is the model.
 */
export function parseFoldedLines(
  text: string,
  valueType: ValueType = { name: 'samples', unit: 'count' },
): FoldedParse {
  const builder = new StackTreeBuilder([valueType]);
  const invalidLines: number[] = [];
  text.split('\n').forEach((raw, lineIndex) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const space = line.lastIndexOf(' ');
    const amount = Number(line.slice(space + 1));
    if (space <= 0 || !Number.isFinite(amount)) {
      invalidLines.push(lineIndex + 1);
      return;
    }
    const stack = line
      .slice(0, space)
      .split(';')
      .map((label) => builder.intern(frameOfLabel(label)));
    builder.addStack(stack, [amount]);
  });
  return { model: builder.build('folded'), invalidLines };
}

function frameOfLabel(label: string): FrameInput {
  const located = LOCATED.exec(label);
  if (!located) return { functionName: label, url: '', line: 0, column: 0 };
  return {
    functionName: located[1]!,
    url: located[2]!,
    line: Number(located[3]),
    column: Number(located[4]),
  };
}
