import { describe, expect, it } from 'vitest';
import type { Protocol } from 'devtools-protocol';
import { TraceMap } from '@jridgewell/trace-mapping';
import { allocWindow, siteAtRate } from '../findings/test-support/alloc-windows';
import { cpuWindowOf } from '../findings/test-support/cpu-windows';
import { buildSession, TEST_START_TIME } from '../findings/test-support/session-builder';
import { buildReport } from './build-report';
import { formatTextReport } from './format-text';
import { remapReportFrames, reportFrameUrls } from './remap-report';
import type { AllocTopLine } from './report';

const MiB = 1024 * 1024;
const T0 = TEST_START_TIME;
const URL = 'file:///srv/app/server.js';

/** (root) → (idle) 600 samples, (root) → main → hot 300 samples, main itself 100; 1 ms each. */
function cpuProfile(): Protocol.Profiler.Profile {
  const frame = (functionName: string, url = URL) => ({
    functionName,
    scriptId: '7',
    url,
    lineNumber: 4,
    columnNumber: 0,
  });
  const nodes = [
    { id: 1, callFrame: frame('(root)', ''), children: [2, 3] },
    { id: 2, callFrame: frame('(idle)', '') },
    { id: 3, callFrame: frame('main'), children: [4] },
    { id: 4, callFrame: { ...frame('hot'), lineNumber: 9 } },
  ];
  const samples = [...Array(600).fill(2), ...Array(300).fill(4), ...Array(100).fill(3)] as number[];
  return { nodes, startTime: 0, endTime: 1_001_000, samples, timeDeltas: samples.map(() => 1000) };
}

function session() {
  const base = buildSession({ snapshots: 20 });
  return {
    ...base,
    cpuProfiles: [cpuWindowOf(cpuProfile(), T0, T0 + 1000)],
    allocProfiles: [
      allocWindow(T0, T0 + 10_000, true, [
        siteAtRate('render', 8 * MiB, 10),
        siteAtRate('remember', 2 * MiB, 10, 128 * 1024),
      ]),
      allocWindow(T0 + 10_000, T0 + 20_000, false, [siteAtRate('remember', 2 * MiB, 10, 128 * 1024)]),
    ],
  };
}

describe('report profile sections', () => {
  it('lists CPU functions by self time like pprof -top, without (idle)', () => {
    const { cpu } = buildReport(session());
    expect(cpu).toMatchObject({ windows: 1, busyUs: 400_000, samplingIntervalUs: 1000 });
    expect(
      cpu!.top.map((row) => [
        row.frame.functionName,
        row.flat,
        row.flatPercent,
        row.sumPercent,
        row.cum,
        row.cumPercent,
      ]),
    ).toEqual([
      ['hot', 300_000, 75, 75, 300_000, 75],
      ['main', 100_000, 25, 100, 400_000, 100],
    ]);
    expect(cpu!.top[0]!.frame).toEqual({ functionName: 'hot', url: URL, line: 10, column: 1 });
  });

  it('lists allocating and surviving functions with both figures, and the process size histogram', () => {
    const { allocations } = buildReport(session());
    expect(allocations).toMatchObject({
      samplingIntervalBytes: 32 * 1024,
      allocated: { windows: 1, coveredMs: 10_000, bytes: 100 * MiB, bytesPerSecond: 10 * MiB },
      alive: { windows: 1, bytes: 20 * MiB, bytesPerSecond: 2 * MiB },
    });
    expect(allocations!.allocated!.series).toEqual([
      { startMs: 0, endMs: 10_000, bytes: 100 * MiB, bytesPerSecond: 10 * MiB },
    ]);
    expect(allocations!.alive!.series).toEqual([
      { startMs: 10_000, endMs: 20_000, bytes: 20 * MiB, bytesPerSecond: 2 * MiB },
    ]);
    const row = (rows: AllocTopLine[]) =>
      rows.map((r) => [r.frame.functionName, r.flat, r.allocatedBytes, r.aliveBytes]);
    expect(row(allocations!.top)).toEqual([
      ['render', 80 * MiB, 80 * MiB, 0],
      ['remember', 20 * MiB, 20 * MiB, 20 * MiB],
      // Allocates nothing itself: listed by its cum, as pprof does.
      ['handleRequest', 0, 0, 0],
    ]);
    // Kept nothing itself: left out of the still-alive table.
    expect(row(allocations!.topAlive)).toEqual([['remember', 20 * MiB, 20 * MiB, 20 * MiB]]);
    const used = allocations!.histogram.filter((bucket) => bucket.bytes > 0);
    // 32 KiB samples of `render` are estimates (objects this small are only estimated); 128 KiB ones exact.
    expect(used.at(-1)).toMatchObject({
      label: '128 KiB',
      upToBytes: 128 * 1024,
      bytes: 20 * MiB,
      samples: 160,
    });
    expect(allocations!.sizesEstimatedUpToBytes).toBeGreaterThan(64 * 1024);
  });

  it('prints both tables and the histogram in the text report', () => {
    const text = formatTextReport(buildReport(session()));
    expect(text).toMatch(/^CPU: 400ms busy/m);
    expect(text).toMatch(
      /^\s+300ms\s+75\.00%\s+75\.00%\s+300ms\s+75\.00%\s+hot \(file:\/\/\/srv\/app\/server\.js:10:1\)$/m,
    );
    expect(text).toMatch(/^Top 3 by bytes allocated/m);
    expect(text).toMatch(/^Top 1 by bytes still alive after GC, % of the service's own$/m);
    const aliveTable = text.slice(text.indexOf('by bytes still alive'), text.indexOf('Object sizes'));
    expect(aliveTable).toMatch(/remember/);
    expect(aliveTable).not.toMatch(/handleRequest/);
    expect(text).toMatch(/100 MiB allocated in 10\.0 s \(10 MiB\/s\)/);
    expect(text).toMatch(/^Allocation rate by window/m);
    expect(text).toMatch(/^ {2}allocated {4}10 MiB\/s \(0–10 s\)$/m);
    expect(text).toMatch(/^ {2}still alive {2}2 MiB\/s \(10–20 s\)$/m);
    expect(text).toMatch(/^\s+20 MiB\s+20\.00%\s+100\.00%\s+20 MiB\s+20\.00%\s+20 MiB\s+remember /m);
    expect(text).toMatch(/^\s+128 KiB\s+20 MiB\s+20\.0%\s+#+$/m);
  });

  it('sums up the rate of a long recording by its lowest, median and highest window', () => {
    const windows = Array.from({ length: 10 }, (_, i) =>
      allocWindow(T0 + i * 5_000, T0 + (i + 1) * 5_000, true, [siteAtRate('render', (i + 1) * MiB, 5)]),
    );
    const text = formatTextReport(buildReport({ ...session(), allocProfiles: windows }));
    expect(text).toMatch(
      /^ {2}allocated {4}10 windows: lowest 1 MiB\/s \(0–5 s\), median 6 MiB\/s, highest 10 MiB\/s \(45–50 s\)$/m,
    );
    expect(text).not.toMatch(/^ {2}still alive /m);
  });

  it("maps the tables' frames through source maps, as the findings' frames", () => {
    const report = buildReport(session());
    expect(reportFrameUrls(report)).toEqual(new Set([URL]));
    const map = new TraceMap(
      {
        version: 3,
        sources: ['server.ts'],
        names: [],
        mappings: ['AAAA', ...Array(600).fill('AACA')].join(';'),
      },
      'file:///srv/src/x.map',
    );
    const remapped = remapReportFrames(report, new Map([[URL, map]]));
    expect(remapped.cpu!.top[0]!.frame).toMatchObject({
      functionName: 'hot',
      url: 'file:///srv/src/server.ts',
    });
    expect(remapped.allocations!.top[0]!.frame.url).toBe('file:///srv/src/server.ts');
  });
});
