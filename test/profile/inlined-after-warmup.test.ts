// A service attached to after it warmed up, on the Node lines whose profiler forgets inlining (22, 24,
// 26): its hot function, inlined into Node's timer loop before the attach, keeps its name in the CPU
// profile, in the first window and in the windows after it (main/recorder/inline-frames.ts). Without
// the fix, all of its time was charged to `listOnTimeout`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportJson, runCli } from '../support/cli';
import { ensureNodeBundles } from '../support/node-bundles';
import { killNodeTargets, RANDOM_INSPECT_PORT, startProcess } from '../support/node-target';
import { nodeBinary, type NodeMajor } from '../support/node-versions';

// Hashes a catalogue every 20 ms from a timer: V8 inlines hashCatalogue into Node's listOnTimeout.
const SERVICE = fileURLToPath(new URL('../in-process/fixtures/busy-service.mjs', import.meta.url));
const MAJORS: NodeMajor[] = [22, 24, 26];
const dir = mkdtempSync(join(tmpdir(), 'hyperscope-inlined-'));

beforeAll(ensureNodeBundles);
afterAll(killNodeTargets);

describe('a hot function inlined before the attach', () => {
  it.concurrent.each(MAJORS)(
    'keeps its name across profile windows on Node %i',
    async (major) => {
      const target = await startProcess(await nodeBinary(major), [RANDOM_INSPECT_PORT, SERVICE], 'ready');
      await new Promise((resolve) => setTimeout(resolve, 2_500)); // warmed up: hashCatalogue is optimized
      const output = join(dir, `node-${major}.hyperscope`);
      // 11 s: the 5 s windows rotate twice, so two windows start on a profiler that ran before.
      const run = await runCli([
        'record',
        '--pid',
        String(target.pid),
        '--duration',
        '11s',
        '-q',
        '-o',
        output,
      ]);
      expect(run.code, run.stderr).toBe(0);

      const report = await reportJson(output);
      expect(report.cpu!.windows).toBeGreaterThanOrEqual(3);
      const flat = (name: string): number =>
        report
          .cpu!.top.filter((row) => row.frame.functionName === name)
          .reduce((sum, row) => sum + row.flat, 0);
      expect(flat('hashCatalogue')).toBeGreaterThan(0);
      expect(flat('listOnTimeout')).toBeLessThan(flat('hashCatalogue') * 0.1);
    },
    90_000,
  );
});
