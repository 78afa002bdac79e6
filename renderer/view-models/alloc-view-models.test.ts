import type { Protocol } from 'devtools-protocol';
import { describe, expect, it } from 'vitest';
import { allocWindow, siteAtRate } from '../../core/findings/test-support/alloc-windows';
import { buildSession, TEST_START_TIME } from '../../core/findings/test-support/session-builder';
import { allocHistograms, bucketOf, BUCKET_LABELS } from '../../core/profile/alloc-histogram';
import { splitAllocatedRetained } from '../../core/profile/allocated-retained';
import { buildAllocModelFromSampling } from '../../core/profile/build-alloc-model-from-sampling';
import type { ProfileModel } from '../../core/profile/profile-model';
import { allocRateRows } from './alloc-rate';
import { windowedProfilesOf } from './profile-models';
import { scopeHistogram, scopeSplit } from './alloc-selection';

const MiB = 1024 * 1024;
const BIG = 2097168; // a 2 MiB array, exact at a 32 KiB interval
const SMALL = 32800; // a 32-byte string as V8 scales it at 32 KiB
type Node = Protocol.HeapProfiler.SamplingHeapProfileNode;

/**
 * (root) → routeA → fill [big × a]; (root) → routeB → fill [small × b], and routeB → walk → walk → fill
 * [big × 1]: one function allocating from three stacks, one of them recursive.
 */
function sampling(a: number, b: number): Protocol.HeapProfiler.SamplingHeapProfile {
  const lines: Record<string, number> = { routeA: 1, routeB: 2, fill: 3, walk: 4 };
  const samples: Protocol.HeapProfiler.SamplingHeapProfileSample[] = [];
  let nextId = 1;
  const node = (name: string, count = 0, size = 0, children: Node[] = []): Node => {
    const id = nextId++;
    for (let i = 0; i < count; i++) samples.push({ size, nodeId: id, ordinal: samples.length });
    const url = name === '(root)' ? '' : 'file:///srv/app.js';
    const callFrame = {
      functionName: name,
      scriptId: '3',
      url,
      lineNumber: lines[name] ?? -1,
      columnNumber: 0,
    };
    return { id, callFrame, selfSize: count * size, children };
  };
  const head = node('(root)', 0, 0, [
    node('routeA', 0, 0, [node('fill', a, BIG)]),
    node('routeB', 0, 0, [
      node('fill', b, SMALL),
      node('walk', 0, 0, [node('walk', 0, 0, [node('fill', 1, BIG)])]),
    ]),
  ]);
  return { head, samples };
}

/** The node at the end of `path` (function names from a root down). */
function nodeAt(model: ProfileModel, path: string[]): number {
  let candidates = [...model.roots];
  let found = -1;
  for (const name of path) {
    found = candidates.find((i) => model.frames[model.nodes.frame[i]!]!.functionName === name) ?? -1;
    if (found < 0) throw new Error(`no ${path.join(' → ')}`);
    candidates = [...Array(model.nodes.count).keys()].filter((i) => model.nodes.parent[i] === found);
  }
  return found;
}

describe('the selected call site in the Allocations view', () => {
  const allocated = buildAllocModelFromSampling(sampling(4, 30), 32768);
  const alive = buildAllocModelFromSampling(sampling(2, 3), 32768);
  const histograms = allocHistograms(allocated);
  const big = BUCKET_LABELS.length - 1;
  const small = bucketOf(32);
  const fillUnderA = nodeAt(allocated, ['routeA', 'fill']);

  it("shows that call site's sizes, not every call of the function", () => {
    const site = scopeHistogram(allocated, histograms, fillUnderA, 'site');
    expect(site.samples[big]).toBe(4);
    expect(site.samples[small]).toBe(0);
    const everyCall = scopeHistogram(allocated, histograms, fillUnderA, 'function');
    expect(everyCall.samples[big]).toBe(5);
    expect(everyCall.samples[small]).toBe(30);
  });

  it("counts a caller's site with its callees, and a recursive function once", () => {
    const routeB = scopeHistogram(allocated, histograms, nodeAt(allocated, ['routeB']), 'site');
    expect([routeB.samples[big], routeB.samples[small]]).toEqual([1, 30]);
    const innerWalk = nodeAt(allocated, ['routeB', 'walk', 'walk']);
    expect(scopeHistogram(allocated, histograms, innerWalk, 'function').samples[big]).toBe(1);
    expect(scopeHistogram(allocated, histograms, innerWalk, 'site').bytes[big]).toBe(BIG);
  });

  it('splits the call site into allocated and still alive', () => {
    const split = splitAllocatedRetained(allocated, alive);
    expect(scopeSplit(split, allocated, fillUnderA, 'site')).toEqual({
      allocatedBytes: 4 * BIG,
      aliveBytes: 2 * BIG,
      aliveRatio: 0.5,
    });
    expect(scopeSplit(split, allocated, fillUnderA, 'function')).toEqual({
      allocatedBytes: 5 * BIG + 30 * SMALL,
      // Both models have the recursive stack's one big array.
      aliveBytes: 3 * BIG + 3 * SMALL,
      aliveRatio: (3 * BIG + 3 * SMALL) / (5 * BIG + 30 * SMALL),
    });
    // The same site picked in the still-alive flame graph: the figures do not depend on the model.
    expect(scopeSplit(split, alive, nodeAt(alive, ['routeA', 'fill']), 'site').aliveBytes).toBe(2 * BIG);
  });
});

describe('the allocation rate chart', () => {
  it('puts each window at its end, allocated and still alive as two series', () => {
    const T0 = TEST_START_TIME;
    const session = {
      ...buildSession({ snapshots: 15 }),
      allocProfiles: [
        allocWindow(T0, T0 + 5_000, true, [siteAtRate('render', 2 * MiB, 5)]),
        allocWindow(T0 + 5_000, T0 + 10_000, false, [siteAtRate('keep', MiB / 2, 5)]),
        allocWindow(T0 + 10_000, T0 + 15_000, true, [siteAtRate('render', 3 * MiB, 5)]),
      ],
    };
    const profiles = windowedProfilesOf(session);
    expect(windowedProfilesOf(session)).toBe(profiles);
    expect(allocRateRows(profiles, T0)).toEqual([
      { t: 5, allocated: 2 * MiB },
      { t: 10, alive: MiB / 2 },
      { t: 15, allocated: 3 * MiB },
    ]);
  });
});
