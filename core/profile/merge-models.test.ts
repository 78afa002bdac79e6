import { describe, expect, it } from 'vitest';
import { buildCpuModel } from './build-cpu-model';
import { parseFolded, toFolded } from './folded';
import { mergeModels } from './merge-models';

const frame = (functionName: string) => ({
  functionName,
  scriptId: '1',
  url: 'file:///a.js',
  lineNumber: 0,
  columnNumber: 0,
});

describe('mergeModels', () => {
  it('adds the values of the same stacks and keeps the others', () => {
    const a = parseFolded('main;parse 3\nmain;render 2\n');
    const b = parseFolded('main;parse 4\nidle 1\n');
    expect(toFolded(mergeModels([a, b]), 0, { locations: false })).toBe(
      'main;parse 7\nmain;render 2\nidle 1\n',
    );
  });

  it('concatenates CPU samples in window order and adds durations', () => {
    const window = (startTime: number) =>
      buildCpuModel({
        nodes: [
          { id: 1, callFrame: frame('(root)'), children: [2] },
          { id: 2, callFrame: frame('work') },
        ],
        startTime,
        endTime: startTime + 3000,
        samples: [2, 2],
        timeDeltas: [1000, 1000],
      });
    const merged = mergeModels([window(0), window(10_000)]);
    expect(merged.durationUs).toBe(6000);
    expect(Array.from(merged.samples!.value)).toEqual([1000, 1000, 1000, 1000]);
    expect(new Set(merged.samples!.node).size).toBe(1);
    expect(merged.frames.filter((f) => f.functionName === 'work')).toHaveLength(1);
  });

  it('refuses models of different kinds or value types, and an empty list', () => {
    const folded = parseFolded('a 1\n');
    const time = parseFolded('a 1\n', { name: 'time', unit: 'microseconds' });
    expect(() => mergeModels([folded, time])).toThrow(RangeError);
    expect(() => mergeModels([])).toThrow(/no profiles/);
  });
});
