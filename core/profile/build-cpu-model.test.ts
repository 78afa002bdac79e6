import type { Protocol } from 'devtools-protocol';
import { describe, expect, it } from 'vitest';
import { buildCpuModel } from './build-cpu-model';
import { toFolded } from './folded';
import { valueIndexOf } from './profile-model';

const frame = (functionName: string, url = 'file:///app.js', line = 0): Protocol.Runtime.CallFrame => ({
  functionName,
  scriptId: url ? '7' : '0',
  url,
  lineNumber: url ? line : -1,
  columnNumber: url ? 4 : -1,
});

/** (root) → main → {work, work (a second V8 node for the same function) → leaf}, (idle), (program). */
function profile(): Protocol.Profiler.Profile {
  return {
    nodes: [
      { id: 1, callFrame: frame('(root)', ''), children: [2, 6, 7] },
      { id: 2, callFrame: frame('main', 'file:///app.js', 0), children: [3, 4] },
      { id: 3, callFrame: frame('work', 'file:///app.js', 9) },
      { id: 4, callFrame: frame('work', 'file:///app.js', 9), children: [5] },
      { id: 5, callFrame: frame('leaf', 'file:///app.js', 19) },
      { id: 6, callFrame: frame('(idle)', '') },
      { id: 7, callFrame: frame('(program)', '') },
    ],
    startTime: 1000,
    endTime: 1700,
    samples: [3, 5, 5, 6, 2, 7],
    timeDeltas: [100, 100, 100, 100, 100, 100],
  };
}

describe('buildCpuModel', () => {
  it('attributes to each sample the time until the next one, in µs', () => {
    const model = buildCpuModel(profile());
    const time = valueIndexOf(model, 'time');
    expect(toFolded(model, time, { locations: false })).toBe(
      ['main 100', 'main;work 100', 'main;work;leaf 200', '(idle) 100', '(program) 100'].join('\n') + '\n',
    );
    expect(toFolded(model, valueIndexOf(model, 'samples'), { locations: false })).toContain(
      'main;work;leaf 2\n',
    );
    expect(model.durationUs).toBe(700);
    expect(model.samplingInterval).toBe(100);
  });

  it('drops the empty (root), merges sibling nodes of one function, keeps pre-order', () => {
    const model = buildCpuModel(profile());
    expect(model.roots.length).toBe(3);
    expect(model.nodes.count).toBe(5);
    for (let i = 0; i < model.nodes.count; i++) expect(model.nodes.parent[i]!).toBeLessThan(i);
    const categories = model.frames.map((f) => f.category).filter((c) => c !== 'code');
    expect(categories).toEqual(['root', 'idle', 'program']);
  });

  it('converts 0-based CDP positions to 1-based frames', () => {
    const model = buildCpuModel(profile());
    const work = model.frames.find((f) => f.functionName === 'work');
    expect(work).toMatchObject({ url: 'file:///app.js', line: 10, column: 5, scriptId: '7' });
    expect(model.frames.find((f) => f.functionName === '(idle)')).toMatchObject({ line: 0, column: 0 });
  });

  it('never mutates its input and returns a frozen model', () => {
    const input = profile();
    const copy = structuredClone(input);
    const model = buildCpuModel(input);
    expect(input).toEqual(copy);
    expect(Object.isFrozen(model)).toBe(true);
    expect(Object.isFrozen(model.frames)).toBe(true);
    expect(Object.isFrozen(model.frames[0])).toBe(true);
  });

  it('maps every sample to the merged node', () => {
    const model = buildCpuModel(profile());
    const names = Array.from(model.samples!.node, (n) => model.frames[model.nodes.frame[n]!]!.functionName);
    expect(names).toEqual(['work', 'leaf', 'leaf', '(idle)', 'main', '(program)']);
  });
});
