/** What every benchmark listed in `bench/run.ts` returns: figures with a baseline measured in the same run. */
export interface BenchFigure {
  /** What was measured, e.g. 'load time'. */
  name: string;
  /** The measured value, in `unit`. */
  value: number;
  /** The same quantity for the baseline, in `unit`. */
  baseline: number;
  /** 'ms', 'MiB', 'req/s', … */
  unit: string;
  /** What the baseline is, e.g. 'JSON.parse alone'. */
  baselineName: string;
}

export interface Bench {
  /** Short id used to pick benches on the command line (`tsx bench/run.ts profile-model`). */
  name: string;
  summary: string;
  /** Runs only when named on the command line (an hour-long bench is not part of `npm run bench`). */
  onlyWhenNamed?: boolean;
  run(): Promise<BenchFigure[]>;
}

/** The median of some values (the upper one of an even count). */
export function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[values.length >> 1]!;
}
