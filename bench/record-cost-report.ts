/**
 * The record-cost bench's results, printed: per service a table of each regime's CPU per request and
 * its ratio to the same round's baseline (median of the rounds, range in brackets), then Hyperscope at
 * its defaults against `@datadog/pprof`; returned as BenchFigures so bench/run.ts prints the ratios.
 */
import { median, type BenchFigure } from './bench';
import { DEFAULTS_REGIME, PPROF_REGIME } from './record-cost-regimes';

/** Target CPU µs per request while a regime runs, and (Hyperscope) after it detached. */
export interface RunFigures {
  during: number;
  after: number | null;
}

export interface ServiceResults {
  name: string;
  /** Paced requests per second. */
  rate: number;
  /** Regime name → its run in each round (index = round). */
  runs: Map<string, RunFigures[]>;
}

interface Spread {
  median: number;
  min: number;
  max: number;
}

function spread(values: number[]): Spread {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

function formatSpread(s: Spread): string {
  return `${s.median.toFixed(2)} (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;
}

/** `numerator[r] / denominator[r]` over the rounds both ran. */
function perRound(numerator: number[], denominator: (number | null)[]): number[] {
  const out: number[] = [];
  numerator.forEach((value, round) => {
    const other = denominator[round];
    if (other !== null && other !== undefined) out.push(value / other);
  });
  return out;
}

/** Baseline CPU per request ÷ the regime's, as a figure whose value/baseline is the rounds' median. */
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
    const baseline = baselineRuns.map((run) => run.during);
    // Detached targets are compared with the baseline's measured again at the same age (warmer than at first).
    const baselineLater = baselineRuns.map((run) => run.after ?? run.during);
    const base = 1e6 / median(baseline);
    const busy = (service.rate * median(baseline)) / 1e6;
    console.log(
      `  ${service.name}, ${service.rate} req/s paced (baseline ${(busy * 100).toFixed(0)}% busy): CPU µs per request, ` +
        `ratio = baseline ÷ regime in the same round, median (range)`,
    );
    console.log(`    ${'regime'.padEnd(24)} ${'µs/req'.padStart(8)}  ${'ratio'.padEnd(18)}  after detach`);
    for (const name of regimeNames) {
      const runs = service.runs.get(name)!;
      const during = runs.map((run) => run.during);
      const ratios = perRound(baseline, during);
      const after = perRound(
        baselineLater,
        runs.map((run) => run.after),
      );
      console.log(
        `    ${name.padEnd(24)} ${median(during).toFixed(1).padStart(8)}  ${formatSpread(spread(ratios)).padEnd(18)}` +
          (after.length > 0 ? `  ${formatSpread(spread(after))}` : ''),
      );
      if (name === baselineName) continue;
      figures.push(ratioFigure(`${service.name} ${name}`, ratios, base, 'nothing attached, same round'));
      if (after.length > 0)
        figures.push(
          ratioFigure(
            `${service.name} ${name} detached`,
            after,
            1e6 / median(baselineLater),
            'nothing attached, same age',
          ),
        );
    }
    const pprof = service.runs.get(PPROF_REGIME)?.map((run) => run.during);
    const defaults = service.runs.get(DEFAULTS_REGIME)?.map((run) => run.during);
    if (!pprof || !defaults) continue;
    const against = perRound(pprof, defaults);
    // From the median of the rounds' ratios, as the table: medians of raw µs/req may come from other rounds.
    const extra = (regime: number[]) => {
      const percent = (1 / median(perRound(baseline, regime)) - 1) * 100;
      return `${percent >= 0 ? '+' : ''}${percent.toFixed(1)}%`;
    };
    console.log(
      `    ${DEFAULTS_REGIME} ÷ ${PPROF_REGIME} in requests per CPU-second: ${formatSpread(spread(against))}; ` +
        `CPU per request over the baseline: ${extra(defaults)} against ${extra(pprof)}`,
    );
    figures.push(
      ratioFigure(
        `${service.name} defaults vs pprof`,
        against,
        1e6 / median(pprof),
        `${PPROF_REGIME}, same round`,
      ),
    );
  }
  return figures;
}
