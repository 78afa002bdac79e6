import { TraceMap } from '@jridgewell/trace-mapping';
import { describe, expect, it } from 'vitest';
import type { ChainGroup, PromiseSection } from '../chains/promise-section';
import { buildSession, TEST_START_TIME } from '../findings/test-support/session-builder';
import { buildReport } from './build-report';
import { formatTextReport } from './format-text';
import { remapReportFrames, reportFrameUrls } from './remap-report';

const URL = 'file:///srv/app/server.js';

function group(id: string, count: number, ageP50Ms: number): ChainGroup {
  return {
    id,
    frames: [
      { functionName: `waitFor_${id}`, url: URL, line: 10, column: 3 },
      { functionName: 'handle', url: URL, line: 40, column: 5 },
    ],
    count,
    ageP50Ms,
    ageP99Ms: ageP50Ms * 2,
    ageMaxMs: ageP50Ms * 3,
    waits: [{ reason: { kind: 'none' }, count }],
    maxDepth: 3,
  };
}

function section(time: number, groups: ChainGroup[]): PromiseSection {
  const chains = groups.reduce((n, g) => n + g.count, 0);
  return {
    time,
    counts: {
      created: 900,
      settled: 900 - chains,
      pending: chains,
      pendingWithoutDetail: 0,
      collectedUnsettled: 0,
    },
    sampling: { coverage: 1, active: true, promisesPerSecond: 100, stackRatio: 1 },
    groups,
    chains,
    dropped: {},
  };
}

/** Chains of group `leak01` grow to 60 at the 6th snapshot, then half of them settle. */
const session = () =>
  buildSession({ snapshots: 8 }, (snapshot, step) => {
    const leaked = step.index <= 5 ? 10 * (step.index + 1) : 30;
    snapshot.extensions = {
      ...snapshot.extensions,
      promises: section(snapshot.time, [group('ok000001', 4, 30), group('leak01', leaked, 2000)]),
    };
  });

describe('the report of promise chains', () => {
  it("keeps the peak snapshot's groups, biggest first, with counts, ages and waits", () => {
    const report = buildReport(session());
    expect(report.chains).toBeDefined();
    expect(report.chains!.time).toBe(TEST_START_TIME + 6000);
    expect(report.chains!.chains).toBe(64);
    expect(report.chains!.groups.map((g) => [g.id, g.count])).toEqual([
      ['leak01', 60],
      ['ok000001', 4],
    ]);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('is absent when no snapshot has a promises section (collector off)', () => {
    expect(buildReport(buildSession({ snapshots: 3 })).chains).toBeUndefined();
  });

  it('shows the groups as a goroutine dump in the text report, biggest first', () => {
    const text = formatTextReport(buildReport(session()));
    expect(text).toContain('Promise chains at 6.0 s, when most were pending');
    const dump = text.slice(text.indexOf('promise chains: 64 pending in 2 groups'));
    expect(dump).toMatch(/^60 @ leak01 {2}age p50 2\.0s p99 4\.0s max 6\.0s {2}depth 3$/m);
    expect(dump.indexOf('60 @ leak01')).toBeLessThan(dump.indexOf('4 @ ok000001'));
    expect(dump).toContain('#\twaits on nothing seen (never resolved?) ×60');
    expect(dump).toContain(`#\twaitFor_leak01\t${URL}:10:3`);
    expect(text.indexOf('Promise chains at')).toBeLessThan(text.indexOf('Summary'));
  });

  it("maps the groups' frames through source maps, as the findings' frames", () => {
    const report = buildReport(session());
    expect(reportFrameUrls(report).has(URL)).toBe(true);
    const map = new TraceMap(
      {
        version: 3,
        sources: ['server.ts'],
        names: [],
        mappings: ['AAAA', ...Array(60).fill('AACA')].join(';'),
      },
      'file:///srv/src/x.map',
    );
    const remapped = remapReportFrames(report, new Map([[URL, map]]));
    expect(remapped.chains!.groups[0]!.frames[0]).toMatchObject({
      functionName: 'waitFor_leak01',
      url: 'file:///srv/src/server.ts',
    });
  });
});
