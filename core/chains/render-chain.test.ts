import { describe, expect, it } from 'vitest';
import type { PromiseChain } from './promise-section';
import { renderChain } from './render-chain';

const frame = (functionName: string, line: number) => ({ functionName, url: '/app/a.js', line, column: 3 });

describe('renderChain', () => {
  it('prints links outer → inner with ages and frames, then the wait', () => {
    const chain: PromiseChain = {
      groupId: 'g1',
      links: [
        { kind: 'root', frames: [frame('outer', 7), frame('tick', 11)], ageMs: 2_345 },
        { kind: 'derived', frames: [], ageMs: 12_600 },
        { kind: 'root', frames: [frame('inner', 1)], ageMs: 500 },
      ],
      wait: { kind: 'socket-connect', detail: '10.0.0.1:443' },
    };
    expect(renderChain(chain).split('\n')).toEqual([
      'chain @ g1  3 links, outer → inner',
      '  1. root  age 2.3s',
      '\touter (/app/a.js:7:3)',
      '\ttick (/app/a.js:11:3)',
      '  2. derived  age 13s',
      '\t(creation stack not sampled)',
      '  3. root  age 0.5s',
      '\tinner (/app/a.js:1:3)',
      '  waits on socket connect (10.0.0.1:443)',
    ]);
  });
});
