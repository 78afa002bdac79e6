/**
 * What grew and what shrank between two profiles of one kind, per function (`pprof -top -diff_base`).
 * Functions are matched by name and file (lines move between builds; anonymous functions keep their line).
 * Base values are scaled before subtracting, so that profiles of different lengths compare fairly.
 */
import type { Frame } from '../frame';
import { frameLabel, type ProfileFrame, type ProfileModel } from '../profile/profile-model';
import { functionTotals, grandTotal } from '../profile/totals';

/**
 * `duration`: base × (current duration ÷ base duration), as if both ran equally long;
 * `total`: base × (current total ÷ base total), so deltas are shifts in share; `none`: raw values.
 */
export type Normalisation = 'duration' | 'total' | 'none';

export interface FunctionDelta {
  frame: Frame;
  /** Self and total values in the value type's unit; the base ones already normalised. */
  baseFlat: number;
  baseCum: number;
  currentFlat: number;
  currentCum: number;
  /** current − base. */
  flatDelta: number;
  cumDelta: number;
}

export interface ProfileDiff {
  /** The value type compared, e.g. `time` in `microseconds`, `space` in `bytes`. */
  valueName: string;
  unit: string;
  normalisation: Normalisation;
  /** Grand totals before normalisation, in the unit. */
  baseTotal: number;
  currentTotal: number;
  /** The factor base values were multiplied by. */
  baseScale: number;
  /** Biggest |flat delta| first (ties: |cum delta|). */
  functions: FunctionDelta[];
}

export interface DiffOptions {
  /** Default: `duration` when both durations are known, else `total`. */
  normalisation?: Normalisation;
  /** Span each profile covers, µs (default: the models' `durationUs`). */
  baseDurationUs?: number;
  currentDurationUs?: number;
}

/** Compares value type `valueName` of `base` and `current`; throws a RangeError if either lacks it. */
export function diffProfiles(
  base: ProfileModel,
  current: ProfileModel,
  valueName: string,
  options: DiffOptions = {},
): ProfileDiff {
  const { baseIndex, currentIndex, baseTotal, currentTotal, normalisation, baseScale } = diffScale(
    base,
    current,
    valueName,
    options,
  );
  const rows = new Map<string, FunctionDelta>();
  const collect = (model: ProfileModel, index: number, scale: number, side: 'base' | 'current'): void => {
    const { self, total } = functionTotals(model, index);
    model.frames.forEach((frame, f) => {
      if (self[f] === 0 && total[f] === 0) return;
      const key = functionKey(frame);
      let row = rows.get(key);
      if (!row) rows.set(key, (row = emptyRow(frame)));
      if (side === 'base') {
        row.baseFlat += self[f]! * scale;
        row.baseCum += total[f]! * scale;
      } else {
        row.currentFlat += self[f]!;
        row.currentCum += total[f]!;
      }
    });
  };
  collect(base, baseIndex, baseScale, 'base');
  collect(current, currentIndex, 1, 'current');
  const functions = [...rows.values()].map((row) => ({
    ...row,
    flatDelta: row.currentFlat - row.baseFlat,
    cumDelta: row.currentCum - row.baseCum,
  }));
  functions.sort(
    (a, b) =>
      Math.abs(b.flatDelta) - Math.abs(a.flatDelta) ||
      Math.abs(b.cumDelta) - Math.abs(a.cumDelta) ||
      frameLabel(a.frame).localeCompare(frameLabel(b.frame)),
  );
  const unit = current.valueTypes[currentIndex]!.unit;
  return { valueName, unit, normalisation, baseTotal, currentTotal, baseScale, functions };
}

/** How `diffProfiles` scales the base: which value columns it compares, the totals and the factor. */
export interface DiffScale {
  baseIndex: number;
  currentIndex: number;
  /** Grand totals before normalisation, in the unit. */
  baseTotal: number;
  currentTotal: number;
  normalisation: Normalisation;
  /** The factor base values are multiplied by. */
  baseScale: number;
}

/** The normalisation of a diff (shared by the per-function table and the differential flame graph). */
export function diffScale(
  base: ProfileModel,
  current: ProfileModel,
  valueName: string,
  options: DiffOptions = {},
): DiffScale {
  const baseIndex = indexOf(base, valueName);
  const currentIndex = indexOf(current, valueName);
  const baseTotal = grandTotal(base, baseIndex);
  const currentTotal = grandTotal(current, currentIndex);
  const baseDuration = options.baseDurationUs ?? base.durationUs;
  const currentDuration = options.currentDurationUs ?? current.durationUs;
  const durations = !!baseDuration && !!currentDuration;
  const normalisation = options.normalisation ?? (durations ? 'duration' : 'total');
  let baseScale = 1;
  if (normalisation === 'duration' && durations) baseScale = currentDuration / baseDuration;
  if (normalisation === 'total' && baseTotal > 0) baseScale = currentTotal / baseTotal;

  return { baseIndex, currentIndex, baseTotal, currentTotal, normalisation, baseScale };
}

function indexOf(model: ProfileModel, name: string): number {
  const index = model.valueTypes.findIndex((type) => type.name === name);
  if (index < 0) throw new RangeError(`a ${model.kind} profile without ${name} values`);
  return index;
}

/** What makes two frames of different profiles the same function: name and file (anonymous: and place). */
export function functionKey(frame: ProfileFrame): string {
  const anonymous = frame.functionName === '' || frame.functionName === '(anonymous)';
  return `${frameLabel(frame)}\0${frame.url}${anonymous ? `\0${frame.line}:${frame.column}` : ''}`;
}

function emptyRow(frame: ProfileFrame): FunctionDelta {
  const { functionName, url, line, column } = frame;
  return {
    frame: { functionName, url, line, column },
    baseFlat: 0,
    baseCum: 0,
    currentFlat: 0,
    currentCum: 0,
    flatDelta: 0,
    cumDelta: 0,
  };
}
