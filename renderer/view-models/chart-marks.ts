/** The user's marks as the time charts draw them: a vertical line at `t` with its label. */
import type { MarkRecord } from '../../core/session/records';
import { secondsSince } from './chart-time';

export interface ChartMark {
  /** Seconds since the start, as the charts' x axis. */
  t: number;
  label: string;
}

/** `marks` placed on the charts' axis that begins at `startTime` (ms since the epoch). */
export function chartMarks(marks: readonly MarkRecord[], startTime: number): ChartMark[] {
  return marks.map((mark) => ({ t: secondsSince(mark.time, startTime), label: mark.label }));
}

/**
 * Which side of its line a mark's label goes: left of a mark in the right third of the axis (`from`…`to`,
 * seconds), so that the label of a mark just set, at the right edge, is not cut off.
 */
export function markLabelSide(t: number, from: number, to: number): 'left' | 'right' {
  return to > from && (t - from) / (to - from) > 2 / 3 ? 'left' : 'right';
}
