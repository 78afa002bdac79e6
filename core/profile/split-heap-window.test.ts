import type { Protocol } from 'devtools-protocol';
import { describe, expect, it } from 'vitest';
import { splitHeapWindow, type LiveMarkedProfile, type LiveMarkedSample } from './split-heap-window';

const frame = (functionName: string, scriptId: string | number): Protocol.Runtime.CallFrame => ({
  functionName,
  // Node 26's profile gives numbers; the type says string.
  scriptId: scriptId as string,
  url: 'file:///srv/app.js',
  lineNumber: 3,
  columnNumber: 9,
});

/** root → handle → cache (node 3) and render (node 4); 64 KiB samples, ordinals 1..n. */
function profile(samples: [nodeId: number, isLive: boolean][]): LiveMarkedProfile {
  const node = (
    id: number,
    name: string,
    children: Protocol.HeapProfiler.SamplingHeapProfileNode[] = [],
  ) => ({
    id,
    callFrame: frame(name, id),
    selfSize: 999, // V8's own sum: recomputed from the samples kept
    children,
  });
  return {
    head: node(1, '(root)', [node(2, 'handle', [node(3, 'cache'), node(4, 'render')])]),
    samples: samples
      .map(([nodeId, isLive], i): LiveMarkedSample => ({ size: 65536, nodeId, ordinal: i + 1, isLive }))
      .reverse(), // V8 does not order them
  };
}

const KiB = 1024;

describe('splitHeapWindow', () => {
  // 10 samples of 64 KiB: 640 KiB allocated from 100 KiB at the start; a full GC seen at 100 + 320 KiB.
  const window = {
    startTime: 1_000,
    endTime: 11_000,
    samplingInterval: 64 * KiB,
    allocatedAtStart: 100 * KiB,
  };
  const samples: [number, boolean][] = [
    [3, true],
    [4, false],
    [3, true],
    [4, false],
    [4, true], // allocated before the GC, live: survived it
    [4, true], // after the GC: not judged yet
    [3, true],
    [4, false],
    [4, true],
    [3, true],
  ];

  it('keeps every sample in the allocated window, with each node’s bytes from its samples', () => {
    const { allocated } = splitHeapWindow({ ...window, fullGcs: [] }, profile(samples));
    expect(allocated).toMatchObject({ startTime: 1_000, endTime: 11_000, includesCollected: true });
    expect(allocated.profile.samples.map((s) => s.ordinal)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(allocated.profile.samples[0]).toEqual({ size: 65536, nodeId: 3, ordinal: 1 });
    const handle = allocated.profile.head.children[0]!;
    expect(handle.selfSize).toBe(0);
    expect(handle.children.map((n) => n.selfSize)).toEqual([4 * 65536, 6 * 65536]);
    expect(handle.callFrame.scriptId).toBe('2');
  });

  it('has no still-alive window without a full GC in it', () => {
    expect(splitHeapWindow({ ...window, fullGcs: [] }, profile(samples)).alive).toBeNull();
  });

  it('keeps as still alive the live samples allocated well before the last full GC, and ends as much earlier', () => {
    // 2000 samples; the last full GC after 1200 of them. One in ten is kept; the rest is garbage, collected
    // by the GC if allocated before it, still live if after.
    const many: [number, boolean][] = Array.from({ length: 2000 }, (_, i) => {
      const ordinal = i + 1;
      return [ordinal % 10 === 0 ? 3 : 4, ordinal % 10 === 0 || ordinal > 1200];
    });
    const fullGcs = [
      { time: 3_000, allocatedBytes: 100 * KiB + 300 * 64 * KiB },
      { time: 7_000, allocatedBytes: 100 * KiB + 1200 * 64 * KiB },
    ];
    const { alive } = splitHeapWindow({ ...window, fullGcs }, profile(many));
    // 3 standard deviations of 1200 samples (8.7%) is more than MIN_MARGIN: 91.3% of the span is kept.
    const kept = 1 - 3 / Math.sqrt(1200);
    expect(alive).toMatchObject({ startTime: 1_000, includesCollected: false });
    expect(alive!.endTime).toBeCloseTo(1_000 + kept * 6_000, 6);
    const ordinals = alive!.profile.samples.map((s) => s.ordinal);
    expect(ordinals).toEqual(Array.from({ length: Math.floor((kept * 1200) / 10) }, (_, i) => (i + 1) * 10));
    const handle = alive!.profile.head.children[0]!;
    expect(handle.children.map((n) => n.selfSize)).toEqual([ordinals.length * 65536, 0]);
  });
});
