// A busy TypeScript service bundled with a linked source map, recorded and reported through the CLI: the
// CPU table names its hot function, and the CPU table, the allocation table and the alloc-hotspot
// finding show `.ts` locations, and so does `hyperscope export`. Also checks that --cpu-interval and --heap-interval reach the recorder.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../core/report/report';
import { BUSY_SERVER_SOURCE, bundleBusyServer } from '../support/bundled-ts-target';
import { reportJson, runCli } from '../support/cli';

let report: Report;
let text: string;
let folded: string;
let foldedStderr: string;

beforeAll(async () => {
  const { dir, script } = await bundleBusyServer('hyperscope-ts-target-');
  const output = join(dir, 'busy.hyperscope');
  const recordArgs = [
    'record',
    '-q',
    '--duration',
    '5s',
    '--cpu-interval',
    '500us',
    '--heap-interval',
    '16KiB',
  ];
  const recorded = await runCli([...recordArgs, '-o', output, '--', process.execPath, script]);
  expect(recorded.code, recorded.stderr).toBe(0);
  report = await reportJson(output);
  text = (await runCli(['report', output])).stdout;
  const exported = await runCli(['export', output, '--format', 'folded', '-o', '-']);
  expect(exported.code, exported.stderr).toBe(0);
  [folded, foldedStderr] = [exported.stdout, exported.stderr];
}, 40_000);

const tsSource = new URL(`file://${BUSY_SERVER_SOURCE}`).href;

describe('a TypeScript target with source maps', () => {
  it('records at the sampling intervals asked for', () => {
    expect(report.cpu?.samplingIntervalUs).toBe(500);
    expect(report.allocations?.samplingIntervalBytes).toBe(16 * 1024);
  });

  it('names the hot function first in the CPU table, at its .ts line', () => {
    const [hottest] = report.cpu!.top;
    expect(hottest!.frame).toMatchObject({ functionName: 'checksumRequest', url: tsSource, line: 16 });
    expect(hottest!.flatPercent).toBeGreaterThan(30);
    expect(text).toMatch(
      /^\s+\S+\s+[\d.]+%\s+[\d.]+%\s+\S+\s+[\d.]+%\s+checksumRequest \(file:\/\/\S+busy-server\.ts:16:\d+\)$/m,
    );
  });

  it('shows .ts locations in the allocation table and the alloc-hotspot finding', () => {
    const rows = report.allocations!.top.filter((row) => row.frame.functionName === 'rowsRequest');
    expect(rows[0]?.frame).toMatchObject({ url: tsSource, line: 22 });
    const hotspot = report.findings.find((finding) => finding.kind === 'alloc-hotspot');
    expect(hotspot, JSON.stringify(report.allocations!.top.slice(0, 3))).toBeDefined();
    expect(hotspot!.frames[0]).toMatchObject({ functionName: 'rowsRequest', url: tsSource, line: 22 });
    expect(hotspot!.frames.filter((frame) => frame.url.endsWith('.cjs'))).toEqual([]);
  });
});

describe('an export of that session', () => {
  it('names frames as the report does: at their .ts lines, with nothing said about source maps', () => {
    expect(folded).toMatch(/checksumRequest \(\S*busy-server\.ts:16(:\d+)?\)/);
    expect(folded).not.toMatch(/busy-server\.cjs/);
    expect(foldedStderr).not.toContain('note:');
  });
});
