/**
 * Loading a ~100 MB `.cpuprofile` into the profile model (read + JSON.parse + buildCpuModel), against
 * the baseline of read + JSON.parse alone: time and peak RSS, each measured in a fresh process, median
 * of three runs.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { median, type Bench, type BenchFigure } from './bench';
import { writeSyntheticCpuProfile } from './synthetic-cpu-profile';

const CHILD = fileURLToPath(new URL('./profile-model-child.ts', import.meta.url));
const RUNS = 3;

interface ChildResult {
  ms: number;
  peakRssMiB: number;
}

async function measure(mode: 'parse' | 'model', file: string): Promise<ChildResult> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', CHILD, mode, file], {
    timeout: 120_000,
  });
  return JSON.parse(stdout) as ChildResult;
}

export const profileModelBench: Bench = {
  name: 'profile-model',
  summary: 'load a synthetic ~100 MB .cpuprofile into the model',
  async run(): Promise<BenchFigure[]> {
    const dir = await mkdtemp(join(tmpdir(), 'hyperscope-bench-'));
    try {
      const file = join(dir, 'synthetic.cpuprofile');
      const bytes = writeSyntheticCpuProfile(file);
      console.log(`  profile: ${(bytes / 2 ** 20).toFixed(1)} MiB`);
      const parse: ChildResult[] = [];
      const model: ChildResult[] = [];
      // Interleaved so that machine noise hits both sides alike.
      for (let run = 0; run < RUNS; run++) {
        parse.push(await measure('parse', file));
        model.push(await measure('model', file));
      }
      const baselineName = 'read + JSON.parse';
      return [
        {
          name: 'load time',
          value: median(model.map((r) => r.ms)),
          baseline: median(parse.map((r) => r.ms)),
          unit: 'ms',
          baselineName,
        },
        {
          name: 'peak RSS',
          value: median(model.map((r) => r.peakRssMiB)),
          baseline: median(parse.map((r) => r.peakRssMiB)),
          unit: 'MiB',
          baselineName,
        },
      ];
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
