/**
 * The benchmark registry: runs every bench listed below (or those named on the command line) one after
 * another and prints each figure with its baseline and ratio. Add a bench by adding its module here.
 * Benches marked `onlyWhenNamed` (the hour-long recording) run only when named.
 *   npx tsx bench/run.ts [NAME ...]
 */
import type { Bench, BenchFigure } from './bench';

const BENCHES: (() => Promise<Bench>)[] = [
  async () => (await import('./profile-model')).profileModelBench,
  async () => (await import('./tls-pools')).tlsPoolsBench,
  async () => (await import('./flame-ui')).flameUiBench,
  async () => (await import('./promise-overhead')).promiseOverheadBench,
  async () => (await import('./worker-threads')).workerThreadsBench,
  async () => (await import('./relay-cost')).relayCostBench,
  async () => (await import('./cluster-workers')).clusterWorkersBench,
  async () => (await import('./socket-openers')).socketOpenersBench,
  async () => (await import('./record-cost')).recordCostBench,
  async () => (await import('./reoptimize-cost')).reoptimizeCostBench,
  async () => (await import('./long-recording')).longRecordingBench,
  async () => (await import('./part-toggle')).partToggleBench,
  async () => (await import('./heap-snapshots')).heapSnapshotsBench,
];

function formatRow(bench: string, figure: BenchFigure): string {
  const ratio = figure.baseline > 0 ? (figure.value / figure.baseline).toFixed(2) : 'n/a';
  const value = `${figure.value.toFixed(1)} ${figure.unit}`;
  const baseline = `${figure.baseline.toFixed(1)} ${figure.unit} (${figure.baselineName})`;
  return `${bench.padEnd(16)} ${figure.name.padEnd(22)} ${value.padStart(14)}  vs ${baseline}  ratio ${ratio}`;
}

async function main(): Promise<number> {
  const wanted = new Set(process.argv.slice(2));
  let ran = 0;
  for (const load of BENCHES) {
    const bench = await load();
    if (wanted.size > 0 ? !wanted.has(bench.name) : bench.onlyWhenNamed) continue;
    console.log(`# ${bench.name}: ${bench.summary}`);
    for (const figure of await bench.run()) console.log(formatRow(bench.name, figure));
    ran++;
  }
  if (ran === 0) {
    console.error(`bench: nothing matched ${[...wanted].join(', ')}`);
    return 1;
  }
  return 0;
}

process.exitCode = await main();
