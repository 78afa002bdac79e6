// A loop saturated by many medium blocks (pbkdf2Sync per request, no single block of 100 ms on a quiet
// machine) is an event-loop-blocked finding naming the hashing code, on every current Node; the healthy
// scenario stays clean on the same versions.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../core/report/report';
import { CLI, reportJson, runCli } from './support/cli';
import { ensureNodeBundles } from './support/node-bundles';
import { nodeBinary, type NodeMajor } from './support/node-versions';

const dir = mkdtempSync(join(tmpdir(), 'hyperscope-loop-saturated-'));

async function recordOn(major: NodeMajor, scenario: string): Promise<Report> {
  const node = await nodeBinary(major);
  const output = join(dir, `${scenario}-${major}.hyperscope`);
  const demo = ['--', node, CLI, 'demo', '--scenario', scenario, '--load'];
  const recorded = await runCli(['record', '-q', '--duration', '6s', '-o', output, ...demo], {
    timeoutMs: 90_000,
  });
  expect(recorded.code, recorded.stderr).toBe(0);
  return reportJson(output);
}

const titles = (report: Report) => JSON.stringify(report.findings.map((f) => `${f.severity}: ${f.title}`));

beforeAll(() => ensureNodeBundles(), 120_000);

describe.concurrent('loop-saturated, recorded and reported on each current Node', () => {
  it.each<NodeMajor>([20, 22, 26])(
    'Node %i: event-loop-blocked names hashToken → pbkdf2Sync',
    async (major) => {
      const report = await recordOn(major, 'loop-saturated');
      const finding = report.findings.find((f) => f.kind === 'event-loop-blocked');
      expect(finding, titles(report)).toBeDefined();
      expect(['critical', 'warning']).toContain(finding!.severity);
      const names = finding!.frames.map((f) => f.functionName);
      expect(names).toContain('hashToken');
      expect(names).toContain('pbkdf2Sync');
      expect(names.indexOf('pbkdf2Sync')).toBeLessThan(names.indexOf('hashToken'));
      expect(finding!.frames.find((f) => f.functionName === 'hashToken')!.url).toMatch(/loop-saturated\.ts$/);
    },
    120_000,
  );

  it.each<NodeMajor>([22, 26])(
    'Node %i: healthy has no critical or warning finding',
    async (major) => {
      const report = await recordOn(major, 'healthy');
      expect(
        report.findings.filter((f) => f.severity !== 'info'),
        titles(report),
      ).toEqual([]);
    },
    120_000,
  );
});
