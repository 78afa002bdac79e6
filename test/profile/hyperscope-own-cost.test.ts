// A lightly loaded demo, recorded for 5 s: the report's CPU table is the service's own (its first row is
// not `(hyperscope agent)`, which used to top it), and Hyperscope's own cost is one line above the tables,
// in the text and in the JSON.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { demoCommand, reportJson, runCli } from '../support/cli';
import { ensureNodeBundles } from '../support/node-bundles';

const AGENT = '(hyperscope agent)';

beforeAll(() => ensureNodeBundles(), 120_000);

it('a healthy demo under light load: no (hyperscope agent) row, its cost said apart', async () => {
  const output = join(mkdtempSync(join(tmpdir(), 'hyperscope-own-cost-')), 'healthy.hyperscope');
  const recorded = await runCli(
    ['record', '-q', '--duration', '5s', '-o', output, ...demoCommand('healthy')],
    {
      timeoutMs: 90_000,
    },
  );
  expect(recorded.code, recorded.stderr).toBe(0);

  const text = await runCli(['report', output]);
  expect(text.code, text.stderr).toBe(0);
  const lines = text.stdout.split('\n');
  const heading = lines.findIndex((line) => line.startsWith('CPU: '));
  expect(heading, text.stdout).toBeGreaterThan(0);
  expect(lines[heading]).toContain("% of the service's own busy time");
  const firstRow = lines[heading + 2]!;
  expect(firstRow, text.stdout).not.toContain(AGENT);
  const own = lines.find((line) => line.startsWith("Hyperscope's own cost: "));
  expect(own, text.stdout).toMatch(/ms\/s CPU \(\d+\.\d% of the busy time\), \d+\.\d\d MiB\/s allocated$/);
  expect(lines.indexOf(own!)).toBeLessThan(heading);

  const report = await reportJson(output);
  const { cpu, allocations } = report;
  expect(cpu!.top.map((row) => row.frame.functionName)).not.toContain(AGENT);
  expect(allocations!.top.map((row) => row.frame.functionName)).not.toContain(AGENT);
  // The agent ran (snapshots every second, its hooks on every request): its time is counted, not lost.
  expect(cpu!.hyperscope.cpuUs).toBeGreaterThan(0);
  expect(cpu!.hyperscope.share).toBeLessThan(1);
  expect(cpu!.top.reduce((sum, row) => sum + row.flat, 0)).toBeLessThanOrEqual(
    cpu!.busyUs - cpu!.hyperscope.cpuUs + 1,
  );
}, 180_000);
