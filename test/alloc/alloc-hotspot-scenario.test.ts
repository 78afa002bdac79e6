// The alloc-hotspot demo recorded and reported through the CLI as a user would: the surviving bytes point
// at the export cache (function and .ts file), the garbage at the CSV renderer; `healthy` gets no
// alloc-hotspot warning. 13 s recordings: one allocated window (10 s) and a still-alive one after it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../core/report/report';
import { demoCommand, reportJson, runCli } from '../support/cli';

const dir = mkdtempSync(join(tmpdir(), 'hyperscope-alloc-scenario-'));

async function recordScenario(scenario: string): Promise<Report> {
  const output = join(dir, `${scenario}.hyperscope`);
  const demo = demoCommand(scenario);
  const recorded = await runCli(['record', '-q', '--duration', '13s', '-o', output, ...demo]);
  expect(recorded.code, recorded.stderr).toBe(0);
  return reportJson(output);
}

describe.concurrent('alloc-hotspot, recorded from the demo', () => {
  it('names the cache as where surviving bytes come from, and the renderer for the garbage', async () => {
    const report = await recordScenario('alloc-hotspot');
    const hotspots = report.findings.filter((f) => f.kind === 'alloc-hotspot');
    const surviving = hotspots.find((f) => f.evidence.values.criterion === 'surviving');
    expect(surviving, JSON.stringify(hotspots.map((f) => f.title))).toBeDefined();
    expect(['critical', 'warning']).toContain(surviving!.severity);
    expect(surviving!.frames[0]).toMatchObject({ functionName: 'cacheExport' });
    expect(surviving!.frames[0]!.url).toMatch(/\/demo\/scenarios\/alloc-hotspot\.ts$/);
    expect(surviving!.evidence.values.aliveShare).toBeGreaterThan(0.8);
    expect(surviving!.evidence.series.map((series) => series.name)).toEqual(['allocated', 'still alive']);
    expect(report.allocations!.topAlive[0]!.frame.functionName).toBe('cacheExport');

    const allocated = hotspots.find((f) => f.evidence.values.criterion === 'allocated');
    expect(allocated?.frames[0]?.functionName).toBe('renderCatalogExport');
    expect(report.allocations!.top[0]!.frame.functionName).toBe('renderCatalogExport');
    expect(report.allocations!.top[0]!.aliveBytes).toBeLessThan(0.01 * report.allocations!.top[0]!.flat);
  });

  it('healthy has no alloc-hotspot above info', async () => {
    const report = await recordScenario('healthy');
    expect(report.allocations?.alive?.windows).toBeGreaterThanOrEqual(1);
    expect(report.findings.filter((f) => f.kind === 'alloc-hotspot' && f.severity !== 'info')).toEqual([]);
  });
});
