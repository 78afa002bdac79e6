import type { Protocol } from 'devtools-protocol';
import { describe, expect, it } from 'vitest';
import { buildCpuModel } from './build-cpu-model';
import { heaviestStack } from './heaviest-stack';

const APP = 'file:///srv/app.js';
const at = (functionName: string, url = APP): Protocol.Runtime.CallFrame => ({
  functionName,
  url,
  scriptId: url ? '7' : '0',
  lineNumber: url ? 1 : -1,
  columnNumber: url ? 1 : -1,
});

/**
 * (idle) 50 · tick → handle → report → {hash 30, stringify 10}, report self 5 · tick → other 8 ·
 * tick → (hyperscope agent)-like system frame skipped: (garbage collector) 20 under report.
 */
function profile(): Protocol.Profiler.Profile {
  const nodes: Protocol.Profiler.ProfileNode[] = [
    { id: 1, callFrame: at('(root)', ''), children: [2, 3] },
    { id: 2, callFrame: at('(idle)', '') },
    { id: 3, callFrame: at('tick', 'node:internal/process/task_queues'), children: [4, 9] },
    { id: 4, callFrame: at('handle'), children: [5] },
    { id: 5, callFrame: at('report'), children: [6, 7, 8] },
    { id: 6, callFrame: at('hash') },
    { id: 7, callFrame: at('stringify') },
    { id: 8, callFrame: at('(garbage collector)', '') },
    { id: 9, callFrame: at('other') },
  ];
  const samples = [
    ...Array<number>(50).fill(2),
    ...Array<number>(30).fill(6),
    ...Array<number>(10).fill(7),
    ...Array<number>(5).fill(5),
    ...Array<number>(40).fill(8),
    ...Array<number>(8).fill(9),
  ];
  return {
    nodes,
    samples,
    timeDeltas: samples.map(() => 1000),
    startTime: 0,
    endTime: samples.length * 1000 + 1000,
  };
}

describe('heaviestStack', () => {
  it('follows the heaviest code callee down to the hot function, innermost first', () => {
    const names = heaviestStack(buildCpuModel(profile())).map((frame) => frame.functionName);
    // (idle) is the heaviest root and (garbage collector) the heaviest child of report: both left out.
    expect(names).toEqual(['hash', 'report', 'handle', 'tick']);
  });

  it('stops at a function that spends more in itself than in any callee', () => {
    const heavySelf = profile();
    heavySelf.samples = [...heavySelf.samples!, ...Array<number>(100).fill(5)];
    heavySelf.timeDeltas = heavySelf.samples.map(() => 1000);
    heavySelf.endTime = heavySelf.samples.length * 1000 + 1000;
    expect(heaviestStack(buildCpuModel(heavySelf))[0]?.functionName).toBe('report');
  });

  it('is empty when only idle time was sampled', () => {
    const idle = profile();
    idle.samples = [2, 2, 2];
    idle.timeDeltas = [1000, 1000, 1000];
    expect(heaviestStack(buildCpuModel(idle))).toEqual([]);
  });
});
