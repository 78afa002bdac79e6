// The inlined-allocator demo recorded and reported through the CLI on each current Node: the
// alloc-hotspot finding names renderInvoice, whether V8 inlined it into the route handler (the allocation
// profile then names the handler, and the finding says renderInvoice was inferred from the CPU profile)
// or it still ran as a frame of its own when the windows were taken (tiering varies by version and load).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../core/report/report';
import { CLI, reportJson, runCli } from '../support/cli';
import { ensureNodeBundles } from '../support/node-bundles';
import { nodeBinary, type NodeMajor } from '../support/node-versions';

const dir = mkdtempSync(join(tmpdir(), 'hyperscope-inlined-allocator-'));

async function recordOn(major: NodeMajor): Promise<Report> {
  const node = await nodeBinary(major);
  const output = join(dir, `inlined-allocator-${major}.hyperscope`);
  const demo = ['--', node, CLI, 'demo', '--scenario', 'inlined-allocator', '--load'];
  const recorded = await runCli(['record', '-q', '--duration', '13s', '-o', output, ...demo], {
    timeoutMs: 90_000,
  });
  expect(recorded.code, recorded.stderr).toBe(0);
  return reportJson(output);
}

beforeAll(() => ensureNodeBundles(), 120_000);

describe('inlined-allocator, recorded and reported on each current Node', () => {
  it.each<NodeMajor>([20, 22, 24, 26])(
    'Node %i: alloc-hotspot names renderInvoice',
    async (major) => {
      const report = await recordOn(major);
      const finding = report.findings.find(
        (f) => f.kind === 'alloc-hotspot' && f.evidence.values.criterion === 'allocated',
      );
      expect(finding, JSON.stringify(report.findings.map((f) => f.title))).toBeDefined();
      expect(finding!.title).toMatch(/^renderInvoice allocates /);
      expect(finding!.frames[0]).toMatchObject({ functionName: 'renderInvoice' });
      expect(finding!.frames[0]!.url).toMatch(/\/demo\/scenarios\/inlined-allocator\.ts$/);
      // Where the allocation profile's top function is the handler, renderInvoice was inlined into it.
      if (report.allocations!.top[0]!.frame.functionName === 'handle') {
        expect(finding!.evidence.values).toMatchObject({ namedFrom: 'cpu-profile' });
        expect(finding!.frames[1]).toMatchObject({ functionName: 'handle' });
        expect(finding!.evidence.summary).toMatch(/renderInvoice is inferred/);
      }
    },
    120_000,
  );
});
