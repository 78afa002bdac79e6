/**
 * A ≥ 50 MB `.cpuprofile` exported in bounded memory: each export runs in a fresh process and its peak
 * RSS is compared with reading and parsing the same file alone (bench/profile-model-child.ts), the
 * floor any export of a JSON input pays. Outputs far bigger than that headroom prove streaming.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticCpuProfile } from '../../bench/synthetic-cpu-profile';

const EXPORT_CHILD = fileURLToPath(new URL('./export-child.ts', import.meta.url));
const PARSE_CHILD = fileURLToPath(new URL('../../bench/profile-model-child.ts', import.meta.url));
/** What an export may add to the peak of read + JSON.parse: the model plus bounded output buffers, MiB. */
const HEADROOM_MIB = 150;

interface Measured {
  ms: number;
  peakRssMiB: number;
  bytes?: number;
}

async function child(script: string, args: string[]): Promise<Measured> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, ...args], {
    timeout: 60_000,
  });
  return JSON.parse(stdout) as Measured;
}

let dir: string;
let input: string;
let inputMiB: number;
let baseline: Measured;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hyperscope-large-'));
  input = join(dir, 'large.cpuprofile');
  const bytes = writeSyntheticCpuProfile(input, {
    nodes: 160_000,
    samples: 1_600_000,
    functions: 6_000,
    maxDepth: 120,
  });
  inputMiB = bytes / 2 ** 20;
  baseline = await child(PARSE_CHILD, ['parse', input]);
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('a large profile export', () => {
  it('has an input of at least 50 MB', () => {
    expect(inputMiB * 2 ** 20).toBeGreaterThanOrEqual(50e6);
  });

  for (const format of ['speedscope', 'pprof', 'cpuprofile'] as const) {
    it(`writes ${format} within the parse peak + ${HEADROOM_MIB} MiB`, async () => {
      const out = join(dir, `large.${format}`);
      const result = await child(EXPORT_CHILD, [format, input, out]);
      const written = (await stat(out)).size;
      console.log(
        `${format}: input ${inputMiB.toFixed(1)} MiB → output ${(written / 2 ** 20).toFixed(1)} MiB in ` +
          `${result.ms.toFixed(0)} ms; peak RSS ${result.peakRssMiB.toFixed(0)} MiB ` +
          `(read + JSON.parse alone: ${baseline.peakRssMiB.toFixed(0)} MiB)`,
      );
      expect(written).toBeGreaterThan(0);
      expect(result.peakRssMiB).toBeLessThan(baseline.peakRssMiB + HEADROOM_MIB);
    }, 60_000);
  }
});
