/**
 * The record-cost bench's results, printed: per service a table of each regime's ratio in each phase
 * (median of the rounds, range in brackets), then Hyperscope at its defaults against `@datadog/pprof`;
 * returned as BenchFigures so bench/run.ts prints the ratios.
 */
import { median, type BenchFigure } from './bench';
import { DEFAULTS_REGIME, PPROF_REGIME } from './record-cost-regimes';

/** Target CPU µs per request in each phase of one run (`record-cost.ts`). */
export interface RunFigures {
  /** Nothing on yet. */
  before: number;
  /** 1–6 s after the regime started. */
  first: number;
  /** Past the first two allocation windows. */
  leftOn: number;
  /** After Hyperscope detached; null when the regime cannot be detached (in-process). */
  after: number | null;
}

type Phase = 'before' | 'first' | 'leftOn' | 'after';
const PHASES: { phase: Phase; label: string }[] = [
  // Nothing on in either target yet: how far two fresh processes differ, the noise of the others.
  { phase: 'before', label: 'before (noise)' },
  { phase: 'first', label: 'first seconds' },
  { phase: 'leftOn', label: 'left on' },
  { phase: 'after', label: 'after detach' },
];
/** The phases printed as figures: with a regime on, or after it. */
const MEASURED = PHASES.filter((p) => p.phase !== 'before');
/** The phases in which the defaults are compared with pprof (pprof is never detached). */
const AGAINST_PPROF = PHASES.filter((p) => p.phase === 'first' || p.phase === 'leftOn');

export interface ServiceResults {
  name: string;
  /** Paced requests per second. */
  rate: number;
  /** Regime name → its run in each round (index = round). */
  runs: Map<string, RunFigures[]>;
}

/** The rounds' median with their range, e.g. `0.91 (0.81–0.98)`. */
function formatSpread(values: number[]): string {
  if (values.length === 0) return '—';
  return `${median(values).toFixed(2)} (${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)})`;
}

/** Per round: the baseline target's CPU per request in `phase` ÷ the regime's, at the same age. */
function phaseRatios(runs: RunFigures[], baseline: RunFigures[], phase: Phase): number[] {
  const out: number[] = [];
  runs.forEach((run, round) => {
    const value = run[phase];
    const baseValue = baseline[round]?.[phase];
    if (value !== null && baseValue !== null && baseValue !== undefined) out.push(baseValue / value);
  });
  return out;
}

/** `a[r] / b[r]` over the rounds both have. */
function perRound(a: number[], b: number[]): number[] {
  return a.flatMap((value, round) => (b[round] === undefined ? [] : [value / b[round]!]));
}

/** A ratio as a figure whose value/baseline is the rounds' median, in requests per CPU-second. */
function ratioFigure(name: string, ratios: number[], base: number, baselineName: string): BenchFigure {
  return { name, value: median(ratios) * base, baseline: base, unit: 'req/CPU-s', baselineName };
}

export function reportRecordCost(
  services: ServiceResults[],
  baselineName: string,
  regimeNames: string[],
): BenchFigure[] {
  const figures: BenchFigure[] = [];
  for (const service of services) {
    const baselineRuns = service.runs.get(baselineName)!;
    const beforeUs = median(baselineRuns.map((run) => run.before));
    const base = 1e6 / beforeUs;
    const busy = (service.rate * beforeUs) / 1e6;
    console.log(
      `  ${service.name}, ${service.rate} req/s paced (baseline ${(busy * 100).toFixed(0)}% busy, ` +
        `${beforeUs.toFixed(1)} µs/req): ratio = the baseline target's CPU per request ÷ the regime's, ` +
        `same phase and round; median (range)`,
    );
    console.log(`    ${'regime'.padEnd(30)} ${PHASES.map((p) => p.label.padEnd(18)).join('  ')}`);
    const ratiosOf = new Map<string, Record<Phase, number[]>>();
    for (const name of regimeNames) {
      if (name === baselineName) continue;
      const runs = service.runs.get(name)!;
      const ratios = {} as Record<Phase, number[]>;
      for (const { phase } of PHASES) ratios[phase] = phaseRatios(runs, baselineRuns, phase);
      ratiosOf.set(name, ratios);
      console.log(
        `    ${name.padEnd(30)} ${PHASES.map((p) => formatSpread(ratios[p.phase]).padEnd(18)).join('  ')}`,
      );
      for (const { phase, label } of MEASURED)
        if (ratios[phase].length > 0)
          figures.push(
            ratioFigure(`${service.name} ${name} ${label}`, ratios[phase], base, 'nothing attached'),
          );
    }
    const pprof = ratiosOf.get(PPROF_REGIME);
    const defaults = ratiosOf.get(DEFAULTS_REGIME);
    if (!pprof || !defaults) continue;
    for (const { phase, label } of AGAINST_PPROF) {
      const against = perRound(defaults[phase], pprof[phase]);
      console.log(`    ${DEFAULTS_REGIME} ÷ ${PPROF_REGIME}, ${label}: ${formatSpread(against)}`);
      figures.push(ratioFigure(`${service.name} defaults vs pprof ${label}`, against, base, PPROF_REGIME));
    }
  }
  return figures;
}
