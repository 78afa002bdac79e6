import { describe, expect, it } from 'vitest';
import { buildCpuModel } from '../profile/build-cpu-model';
import { toFolded } from '../profile/folded';
import type { SessionProfiles } from '../profile/session-profiles';
import { combineSessionProfiles } from './combined-profiles';

/** One process's profiles: a CPU window of `samples` ms in `work`, from `start` (ms), its script `scriptId`. */
function partProfiles(scriptId: string, samples: number, start: number): SessionProfiles {
  const callFrame = (functionName: string) => ({
    functionName,
    scriptId,
    url: 'file:///srv/a.js',
    lineNumber: 1,
    columnNumber: 0,
  });
  const model = buildCpuModel({
    nodes: [
      { id: 1, callFrame: { ...callFrame('(root)'), url: '', scriptId: '0' }, children: [2] },
      { id: 2, callFrame: callFrame('work') },
    ],
    startTime: start * 1000,
    endTime: (start + samples) * 1000,
    samples: Array(samples).fill(2),
    timeDeltas: Array(samples).fill(1000),
  });
  const window = { startTime: start, endTime: start + samples, model };
  return {
    cpu: { windows: [window], merged: model, coveredMs: samples, samplingInterval: 1000 },
    allocated: null,
    alive: null,
  };
}

describe('combineSessionProfiles', () => {
  it("adds the parts' windows up, one function whatever its script ids, time summed", () => {
    const combined = combineSessionProfiles([partProfiles('7', 3, 100), partProfiles('9', 5, 50)]);
    expect(toFolded(combined.cpu!.merged, 0, { locations: false })).toBe('work 8\n');
    expect(combined.cpu!.windows.map((w) => w.startTime)).toEqual([50, 100]);
    expect(combined.cpu!.coveredMs).toBe(8);
    expect(combined.allocated).toBeNull();
  });

  it('keeps a lone part as it is', () => {
    const one = partProfiles('7', 3, 0);
    expect(combineSessionProfiles([one, { cpu: null, allocated: null, alive: null }]).cpu).toBe(one.cpu);
  });
});
