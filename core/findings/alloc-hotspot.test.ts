import { describe, expect, it } from 'vitest';
import type { AllocProfileWindow } from '../session/session';
import {
  findAllocHotspot,
  INFO_ALLOCATED_BYTES_PER_S,
  MIN_SAMPLES,
  WARNING_ALIVE_BYTES_PER_S,
  WARNING_ALLOCATED_BYTES_PER_S,
} from './alloc-hotspot';
import { AGENT_FRAME_NAME } from '../profile/agent-frames';
import { agentHeavySession } from './test-support/agent-heavy-session';
import { allocWindow, siteAtRate, type SyntheticSite } from './test-support/alloc-windows';
import { buildSession, TEST_START_TIME } from './test-support/session-builder';

const MiB = 1024 * 1024;
const T0 = TEST_START_TIME;

/** 20 s: an allocated window (0–10 s) and a still-alive one (10–20 s); heap used grows `heapGrowth` B/s. */
function session(allocated: SyntheticSite[], alive: SyntheticSite[], heapGrowth = 0) {
  const built = buildSession({ snapshots: 20 }, (snapshot, step) => {
    snapshot.memory.heapUsed = 40 * MiB + (heapGrowth * step.t) / 1000 + step.jitter(1) * MiB;
  });
  const windows: AllocProfileWindow[] = [
    allocWindow(T0, T0 + 10_000, true, allocated),
    allocWindow(T0 + 10_000, T0 + 20_000, false, alive),
  ];
  return { ...built, allocProfiles: windows };
}

describe('alloc-hotspot', () => {
  it('names the function whose bytes survive, critical while the heap grows, with stack, histogram and rates', () => {
    const s = session(
      [siteAtRate('renderPage', 30 * MiB, 10), siteAtRate('cacheEntry', 1.5 * MiB, 10, 256 * 1024)],
      [siteAtRate('cacheEntry', 1.5 * MiB, 10, 256 * 1024), siteAtRate('renderPage', 16 * 1024, 10)],
      1.5 * MiB,
    );
    const findings = findAllocHotspot(s, {});
    expect(
      findings.map((f) => `${f.severity} ${f.evidence.values.criterion} ${f.frames[0]!.functionName}`),
    ).toEqual(['critical surviving cacheEntry', 'warning allocated renderPage']);
    const [cache] = findings;
    expect(cache!.frames.map((f) => f.functionName)).toEqual(['cacheEntry', 'handleRequest']);
    // 1-based, from CDP's 0-based call frame.
    expect(cache!.frames[0]).toMatchObject({ url: 'file:///srv/app/server.js', column: 3 });
    const cdp = s.allocProfiles[0]!.nodes.find((n) => n.callFrame.functionName === 'cacheEntry')!.callFrame;
    expect(cache!.frames[0]!.line).toBe(cdp.lineNumber + 1);
    expect(cache!.evidence.values).toMatchObject({
      aliveShare: expect.closeTo(0.99, 2),
      'bytes of size 256 KiB': 15 * MiB,
    });
    expect(cache!.evidence.values.aliveBytesPerSecond).toBeCloseTo(1.5 * MiB, -3);
    expect(
      cache!.evidence.series.map(
        (series) => `${series.name} ${series.unit} ${series.points.map((p) => p.t)}`,
      ),
    ).toEqual(['allocated bytes/s 10000', 'still alive bytes/s 20000']);
    expect(cache!.evidence.series[0]!.points[0]!.v).toBeCloseTo(1.5 * MiB, -3);
  });

  it('warns, not more, for surviving bytes while the heap stays flat', () => {
    const s = session([siteAtRate('cacheEntry', 2 * MiB, 10)], [siteAtRate('cacheEntry', 2 * MiB, 10)]);
    expect(findAllocHotspot(s, {}).map((f) => f.severity)).toEqual(['warning']);
  });

  it('gives one finding when the same function allocates and keeps most bytes', () => {
    const s = session([siteAtRate('loadAll', 20 * MiB, 10)], [siteAtRate('loadAll', 2 * MiB, 10)], 2 * MiB);
    const findings = findAllocHotspot(s, {});
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: 'critical',
      evidence: { values: { criterion: 'surviving' } },
    });
  });

  it('says nothing of allocations spread over many functions, as in a healthy service', () => {
    const spread = Array.from({ length: 20 }, (_, i) => siteAtRate(`fn${i}`, 0.2 * MiB, 10));
    expect(findAllocHotspot(session(spread, spread.slice(0, 3)), {})).toEqual([]);
  });

  it(`grades one dominant allocating function by its rate (info ≥ ${INFO_ALLOCATED_BYTES_PER_S / MiB} MiB/s, warning ≥ ${WARNING_ALLOCATED_BYTES_PER_S / MiB} MiB/s)`, () => {
    const at = (rate: number) =>
      findAllocHotspot(session([siteAtRate('parse', rate, 10)], []), {}).map((f) => f.severity);
    expect(at(0.5 * MiB)).toEqual([]);
    expect(at(2 * MiB)).toEqual(['info']);
    expect(at(20 * MiB)).toEqual(['warning']);
  });

  it(`needs ${MIN_SAMPLES} samples and ${WARNING_ALIVE_BYTES_PER_S / 1024} KiB/s to call bytes surviving`, () => {
    // One 8 MiB buffer kept at start-up: large, but one object, not a pattern.
    const once = { functionName: 'loadConfig', sampleBytes: 8 * MiB, samples: 1 };
    expect(findAllocHotspot(session([once], [once]), {})).toEqual([]);
    const slow = siteAtRate('remember', 100 * 1024, 10, 1024);
    expect(findAllocHotspot(session([slow], [slow]), {})).toEqual([]);
  });

  it('charges Node’s code to the application function calling it when no one function holds most bytes', () => {
    // A batch builder concatenating Buffers: its own bytes, Node's concat under it and an encoder it
    // calls split 25/30/45%; with concat charged to it, buildBatch holds 55%.
    const node = 'node:buffer';
    const allocated = [
      siteAtRate('buildBatch', 10 * MiB, 10),
      { ...siteAtRate('concat', 12 * MiB, 10), url: node, calledBy: 'buildBatch' },
      { ...siteAtRate('encodeRecord', 18 * MiB, 10), calledBy: 'buildBatch' },
    ];
    const [finding, ...rest] = findAllocHotspot(session(allocated, []), {});
    expect(rest).toEqual([]);
    expect(finding!.title).toMatch(/^buildBatch allocates 22 MiB\/s with the Node code it calls: 55% of all/);
    expect(finding!.severity).toBe('warning');
    expect(finding!.frames.map((f) => f.functionName)).toEqual(['concat', 'buildBatch', 'handleRequest']);
    expect(finding!.evidence.values).toMatchObject({
      bytesOf: 'the function and the Node code it calls',
      allocatedShare: 0.55,
    });
    expect(finding!.evidence.series[0]!.points[0]!.v).toBeCloseTo(22 * MiB, -4);
    // A builder with no bytes of its own (all in Node's code under it) is still the one named.
    const noOwn = [allocated[1]!, { ...allocated[1]!, functionName: 'allocate', calledBy: 'concat' }];
    const [builder] = findAllocHotspot(
      session([{ ...allocated[0]!, samples: 0 }, ...noOwn, allocated[2]!], []),
      {},
    );
    expect(builder!.title).toMatch(/^buildBatch allocates 24 MiB\/s with the Node code it calls: 57% of all/);
    // Spread over application functions, nothing is charged: no finding.
    const spread = allocated.map((site) => ({ ...site, url: undefined, calledBy: undefined }));
    expect(findAllocHotspot(session(spread, []), {})).toEqual([]);
  });

  it('has nothing to say without allocation windows', () => {
    expect(findAllocHotspot(buildSession({ snapshots: 5 }), {})).toEqual([]);
  });
});

describe('alloc-hotspot and Hyperscope’s own allocations', () => {
  it('never names the agent, even where it allocated the most: that is the report’s own-cost line', () => {
    // The agent allocated 3 MiB/s of 4.5: it would be the top site at 67%. The service's own sites are
    // below the share a hotspot needs, so nothing is named at all.
    const findings = findAllocHotspot(agentHeavySession(), {});
    expect(findings.map((finding) => finding.title)).toEqual([]);
    expect(JSON.stringify(findings)).not.toContain(AGENT_FRAME_NAME);
  });
});
