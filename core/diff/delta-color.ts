/**
 * How one node of a differential flame graph changed, as a word, a colour and a tooltip line: red grew,
 * blue shrank, the stronger the bigger the relative change. Shared by the SVG/HTML exports and the UI.
 */
import { formatValue } from '../profile/format-value';

export type ChangeKind = 'grew' | 'shrank' | 'new' | 'vanished' | 'unchanged';

/** Changes smaller than this share of the larger side are drawn neutral: sampling noise. */
const UNCHANGED_BELOW = 0.01;

/** (current − base) ÷ the larger of the two: −1 (vanished) … 0 … +1 (new); 0 when both are 0. */
export function relativeChange(base: number, current: number): number {
  const larger = Math.max(Math.abs(base), Math.abs(current));
  return larger > 0 ? (current - base) / larger : 0;
}

export function changeKind(base: number, current: number): ChangeKind {
  const relative = relativeChange(base, current);
  if (Math.abs(relative) < UNCHANGED_BELOW) return 'unchanged';
  if (relative > 0) return base > 0 ? 'grew' : 'new';
  return current > 0 ? 'shrank' : 'vanished';
}

/** An `hsl()` fill: red for growth, blue for shrinkage, grey when unchanged; `dark` for a dark theme. */
export function deltaColor(relative: number, dark = false): string {
  const strength = Math.min(1, Math.abs(relative));
  if (strength < UNCHANGED_BELOW) return dark ? 'hsl(0,0%,32%)' : 'hsl(0,0%,86%)';
  const hue = relative > 0 ? 0 : 215;
  // Light theme: from pale (small change) to saturated; dark theme: from dim to bright.
  const lightness = dark ? 22 + 23 * strength : 88 - 30 * strength;
  return `hsl(${hue},${Math.round(45 + 40 * strength)}%,${Math.round(lightness)}%)`;
}

/** `grew: 1ms → 3ms (+2ms, +200%)`, values in `unit`, the base already normalised. */
export function describeChange(base: number, current: number, unit: string): string {
  const delta = current - base;
  const sign = delta > 0 ? '+' : '';
  const percent = base > 0 ? `, ${sign}${Math.round((delta / base) * 100)}%` : '';
  return `${changeKind(base, current)}: ${formatValue(base, unit)} → ${formatValue(current, unit)} (${sign}${formatValue(delta, unit)}${percent})`;
}
