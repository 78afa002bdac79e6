/**
 * What the UI's comparison of two sessions shows: key figures, findings that came, went or stayed, and
 * per profile kind the functions that grew or shrank. Part of the bridge contract (`compareSessions`).
 */
import type { FlameDiff } from '../diff/flame-diff';
import type { Finding } from '../findings/finding';
import type { Frame } from '../frame';

/** One figure compared between two sessions. */
export interface ComparisonRow {
  metric: string;
  /** 'count', 'ms', 'bytes', 'ratio'. */
  unit: string;
  base: number | null;
  current: number | null;
}

/** Two sessions side by side: key figures and which findings came, went or stayed. */
export interface SeriesComparison {
  baseName: string;
  currentName: string;
  rows: ComparisonRow[];
  findings: {
    kind: Finding['kind'];
    base: Finding['severity'] | null;
    current: Finding['severity'] | null;
  }[];
}

/** One function's change between two profiles; values in the profile's unit, the base normalised. */
export interface FunctionChange {
  frame: Frame;
  baseFlat: number;
  currentFlat: number;
  flatDelta: number;
  cumDelta: number;
}

/** What grew and what shrank in one profile kind both sessions have, biggest change first. */
export interface ProfileChange {
  profile: 'cpu' | 'allocated' | 'alive' | 'chains';
  /** 'microseconds', 'bytes', 'count'. */
  unit: string;
  functions: FunctionChange[];
}

export interface SessionComparison extends SeriesComparison {
  profiles: ProfileChange[];
  /** The CPU profiles' differential flame graph; null unless both sessions have one. */
  cpuFlame: FlameDiff | null;
}
