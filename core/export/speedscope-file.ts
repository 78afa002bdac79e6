/**
 * The speedscope file format (https://www.speedscope.app/file-format-schema.json), the parts Hyperscope
 * writes and reads. Frames' `line` and `col` are 1-based.
 */

export const SPEEDSCOPE_SCHEMA = 'https://www.speedscope.app/file-format-schema.json';

export type SpeedscopeUnit = 'none' | 'nanoseconds' | 'microseconds' | 'milliseconds' | 'seconds' | 'bytes';

export interface SpeedscopeFrame {
  name: string;
  file?: string;
  line?: number;
  col?: number;
}

/** Stacks as frame indices, root first, each with a weight in `unit`. */
export interface SpeedscopeSampledProfile {
  type: 'sampled';
  name: string;
  unit: SpeedscopeUnit;
  startValue: number;
  endValue: number;
  samples: number[][];
  weights: number[];
}

/** Open ('O') and close ('C') events of frames `at` a value in `unit`. */
export interface SpeedscopeEventedProfile {
  type: 'evented';
  name: string;
  unit: SpeedscopeUnit;
  startValue: number;
  endValue: number;
  events: { type: 'O' | 'C'; at: number; frame: number }[];
}

export interface SpeedscopeFile {
  $schema: typeof SPEEDSCOPE_SCHEMA;
  shared: { frames: SpeedscopeFrame[] };
  profiles: (SpeedscopeSampledProfile | SpeedscopeEventedProfile)[];
  name?: string;
  activeProfileIndex?: number;
  exporter?: string;
}

/** Profile names Hyperscope writes, one per kind: the importer reads them back into the same kind. */
export const SPEEDSCOPE_PROFILE_NAMES = {
  cpu: 'CPU time',
  allocated: 'Allocated (including collected)',
  alive: 'Allocated, still alive',
  chains: 'Pending promise chains',
} as const;
