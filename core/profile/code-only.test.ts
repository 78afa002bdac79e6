import { describe, expect, it } from 'vitest';
import { codeOnly } from './code-only';
import { parseFolded, toFolded } from './folded';

const TIME = { name: 'time', unit: 'microseconds' };

describe('codeOnly', () => {
  it('drops (idle), (program) and (root), keeps the code below (root), GC and the agent', () => {
    const model = parseFolded(
      [
        '(root) 5',
        '(root);(idle) 100',
        '(root);(program) 10',
        '(root);(garbage collector) 7',
        '(root);(hyperscope agent) 2',
        '(root);main (file:///a.js:1:1);work (file:///a.js:5:1) 20',
        'main (file:///a.js:1:1);work (file:///a.js:5:1) 3',
      ].join('\n'),
      TIME,
    );
    const code = codeOnly(model);
    // The two `main` stacks, one under (root) and one not, become one.
    expect(toFolded(code, 0).trim().split('\n').sort()).toEqual([
      '(garbage collector) 7',
      '(hyperscope agent) 2',
      'main (file:///a.js:1:1);work (file:///a.js:5:1) 23',
    ]);
    expect(code.frames.map((frame) => frame.functionName).sort()).toEqual([
      '(garbage collector)',
      '(hyperscope agent)',
      'main',
      'work',
    ]);
  });

  it('returns a model without such frames as it is', () => {
    const model = parseFolded('main (file:///a.js:1:1) 4\n', TIME);
    expect(codeOnly(model)).toBe(model);
  });
});
