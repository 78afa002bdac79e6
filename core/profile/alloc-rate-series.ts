/**
 * The process's allocation rate over time: one point per allocation window, the bytes V8 sampled in it
 * divided by the window's length. Windows of one kind do not touch (they alternate with the other kind),
 * so the series has gaps, and a short recording has one or two points per kind.
 */
import { valueIndexOf } from './profile-model';
import type { WindowedProfile } from './session-profiles';
import { grandTotal } from './totals';

/** One window's rate. Times are ms since the session's start. */
export interface AllocRatePoint {
  startMs: number;
  endMs: number;
  /** Bytes sampled in the window (V8's scaled sizes). */
  bytes: number;
  /** `bytes` ÷ the window's length in seconds; 0 for a window without length. */
  bytesPerSecond: number;
}

/** One point per window of `profile`, in time order; empty without windows. `sessionStart`: ms since the epoch. */
export function allocRateSeries(profile: WindowedProfile | null, sessionStart: number): AllocRatePoint[] {
  if (!profile) return [];
  return profile.windows.map(({ startTime, endTime, model }) => {
    const bytes = grandTotal(model, Math.max(0, valueIndexOf(model, 'space')));
    const seconds = (endTime - startTime) / 1000;
    return {
      startMs: startTime - sessionStart,
      endMs: endTime - sessionStart,
      bytes,
      bytesPerSecond: seconds > 0 ? bytes / seconds : 0,
    };
  });
}
