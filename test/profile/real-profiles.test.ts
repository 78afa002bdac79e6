/** The profile model against real V8 profiles of a known workload (test/profile/workload.cjs). */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AllocNode } from '../../core/session/records';
import { BUCKET_LABELS, allocHistograms, bucketOf } from '../../core/profile/alloc-histogram';
import { splitAllocatedRetained } from '../../core/profile/allocated-retained';
import { buildAllocModelFromNodes } from '../../core/profile/build-alloc-model';
import { buildAllocModelFromSampling } from '../../core/profile/build-alloc-model-from-sampling';
import { buildCpuModel } from '../../core/profile/build-cpu-model';
import { layoutFlame } from '../../core/profile/flame-layout';
import { flameRects } from '../../core/profile/flame-view-model';
import { parseFolded, toFolded } from '../../core/profile/folded';
import { hotFrames } from '../../core/profile/hot-frames';
import { valueIndexOf, type ProfileModel } from '../../core/profile/profile-model';
import { topFunctions } from '../../core/profile/top';
import { captureProfiles, type CapturedProfiles } from './capture-profiles';

const WORKLOAD = fileURLToPath(new URL('./workload.cjs', import.meta.url));
const HEAP_INTERVAL = 256;
let captured: CapturedProfiles;

beforeAll(async () => {
  captured = await captureProfiles(WORKLOAD, HEAP_INTERVAL);
});

const frameOf = (model: ProfileModel, name: string): number =>
  model.frames.findIndex((f) => f.functionName === name);

describe('CPU model of a real profile', () => {
  it('names the busy loop as the top function and the hot frame, at its source line', () => {
    const model = buildCpuModel(captured.cpu);
    const time = valueIndexOf(model, 'time');
    expect(topFunctions(model, time, 1)[0]!.frame.functionName).toBe('spinHot');
    const [hot] = hotFrames(model, 3);
    expect(hot).toMatchObject({ functionName: 'spinHot', line: 14 });
    expect(hot!.url).toMatch(/workload\.cjs$/);
    // Two runs of ≥250 ms each.
    expect(topFunctions(model, time, 1)[0]!.flat).toBeGreaterThan(400_000);
    expect(model.durationUs).toBeGreaterThan(500_000);
  });

  it('folds stacks root first with the named functions', () => {
    const folded = toFolded(buildCpuModel(captured.cpu), 1, { locations: false });
    expect(folded).toMatch(/(^|;)run;spinHot \d+$/m);
    expect(folded).toMatch(/;makeSmall \d+$/m);
  });

  it('round-trips through folded stacks', () => {
    const folded = toFolded(buildCpuModel(captured.cpu), 1);
    expect(toFolded(parseFolded(folded, { name: 'time', unit: 'microseconds' }), 0)).toBe(folded);
  });

  it('lays out a flame graph that covers the viewport without overlaps', () => {
    const model = buildCpuModel(captured.cpu);
    const layout = layoutFlame(model, valueIndexOf(model, 'time'), 'left-heavy');
    const viewport = { x0: 0, x1: layout.extent, depth0: 0, depth1: 200, widthPx: 800 };
    const rects = flameRects(layout, viewport);
    const depths = new Set(rects.map((r) => r.depth));
    for (const depth of depths) {
      const row = rects.filter((r) => r.depth === depth).sort((a, b) => a.x - b.x);
      row.forEach(
        (r, k) => k > 0 && expect(r.x).toBeGreaterThanOrEqual(row[k - 1]!.x + row[k - 1]!.width - 1e-6),
      );
      if (depth === 0) expect(row.reduce((sum, r) => sum + r.width, 0)).toBeCloseTo(800, 6);
    }
    expect(rects.some((r) => r.label === 'spinHot' && r.width > 400)).toBe(true);
  });
});

describe('allocation model of a real sampling profile', () => {
  it('puts the 1 KiB arrays and the 2 MiB arrays in their buckets', () => {
    const model = buildAllocModelFromSampling(captured.allocated, HEAP_INTERVAL);
    const histograms = allocHistograms(model);
    const small = histograms.byFunction.get(frameOf(model, 'makeSmall'))!;
    const big = histograms.byFunction.get(frameOf(model, 'makeBig'))!;
    const kib = bucketOf(1024);
    const last = BUCKET_LABELS.length - 1;
    const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);
    // 10,000 arrays of 120 elements (~1 KiB) at a 256-byte interval: nearly all bytes in the 1 KiB bucket.
    expect(small.bytes[kib]! / sum(small.bytes)).toBeGreaterThan(0.9);
    expect(small.objects[kib]).toBeGreaterThan(8000);
    expect(small.objects[kib]).toBeLessThan(12000);
    expect(small.samples[last]).toBe(0);
    // 20 arrays of 262,144 elements (2 MiB): all in ≥1 MiB, one sample each.
    expect(big.samples[last]).toBe(20);
    expect(big.bytes[last]! / sum(big.bytes)).toBeGreaterThan(0.99);
    expect(histograms.process.samples[last]).toBeGreaterThanOrEqual(20);
  });

  it('builds the same tree from session-style flattened nodes', () => {
    const flat: AllocNode[] = [];
    const walk = (node: typeof captured.allocated.head, parent: number): void => {
      flat.push({ id: node.id, parent, callFrame: node.callFrame, selfSize: node.selfSize });
      node.children.forEach((child) => walk(child, node.id));
    };
    walk(captured.allocated.head, 0);
    const fromNodes = buildAllocModelFromNodes(flat.reverse(), captured.allocated.samples, HEAP_INTERVAL);
    const fromSampling = buildAllocModelFromSampling(captured.allocated, HEAP_INTERVAL);
    const sorted = (model: ProfileModel, v: number): string[] => toFolded(model, v).split('\n').sort();
    expect(sorted(fromNodes, 0)).toEqual(sorted(fromSampling, 0));
    expect(sorted(fromNodes, 1)).toEqual(sorted(fromSampling, 1));
  });

  it('tells garbage from retained allocations', () => {
    const split = splitAllocatedRetained(
      buildAllocModelFromSampling(captured.allocated, HEAP_INTERVAL),
      buildAllocModelFromSampling(captured.live, HEAP_INTERVAL),
    );
    const row = (name: string) => split.byFunction.find((r) => r.frames[0]!.functionName === name)!;
    expect(row('makeSmall').allocatedBytes).toBeGreaterThan(5_000_000);
    expect(row('makeSmall').aliveRatio).toBeLessThan(0.1);
    expect(row('makeBig').aliveRatio).toBeGreaterThan(0.9);
  });
});
