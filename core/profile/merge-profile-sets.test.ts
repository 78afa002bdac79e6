import { describe, expect, it } from 'vitest';
import { emptyProfileSet, type ProfileSet } from '../import/profile-set';
import { buildCpuModel } from './build-cpu-model';
import { toFolded } from './folded';
import { mergeProfileSets } from './merge-profile-sets';

/** One process's CPU profile: `handle` → `work` sampled `samples` times, its script numbered `scriptId`. */
function cpuSet(scriptId: string, samples: number): ProfileSet {
  const frame = (functionName: string) => ({
    functionName,
    scriptId,
    url: 'file:///srv/app/server.js',
    lineNumber: 9,
    columnNumber: 2,
  });
  const cpu = buildCpuModel({
    nodes: [
      { id: 1, callFrame: { ...frame('(root)'), url: '', scriptId: '0' }, children: [2] },
      { id: 2, callFrame: frame('handle'), children: [3] },
      { id: 3, callFrame: frame('work') },
    ],
    startTime: 0,
    endTime: samples * 1000,
    samples: Array(samples).fill(3),
    timeDeltas: Array(samples).fill(1000),
  });
  return { ...emptyProfileSet('session'), cpu };
}

describe('mergeProfileSets', () => {
  it('adds the same function of two processes into one stack, whatever their script ids', () => {
    const merged = mergeProfileSets([cpuSet('17', 3), cpuSet('23', 5)], null);
    expect(toFolded(merged.cpu!, 0, { locations: false })).toBe('handle;work 8\n');
    expect(merged.cpu!.durationUs).toBe(8000);
    expect(merged.allocated).toBeNull();
    expect(merged.format).toBe('session');
  });

  it('keeps a kind only one part has as it is, and leaves out parts without it', () => {
    const one = cpuSet('17', 3);
    const merged = mergeProfileSets([one, emptyProfileSet('session')], null);
    expect(merged.cpu).toBe(one.cpu);
    expect(mergeProfileSets([emptyProfileSet('session')], null).cpu).toBeNull();
  });
});
