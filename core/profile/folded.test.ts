import { describe, expect, it } from 'vitest';
import { parseFolded, toFolded } from './folded';

describe('folded stacks', () => {
  it('round-trips names and locations', () => {
    const text = [
      'main (file:///srv/app.js:1:1);(anonymous) (file:///srv/app.js:12:7);parse 7',
      'main (file:///srv/app.js:1:1) 3',
      '(garbage collector) 2',
    ].join('\n');
    const model = parseFolded(text);
    expect(model.frames.find((f) => f.functionName === '(anonymous)')).toMatchObject({
      url: 'file:///srv/app.js',
      line: 12,
      column: 7,
    });
    expect(model.frames.find((f) => f.functionName === '(garbage collector)')?.category).toBe('gc');
    expect(toFolded(model, 0)).toBe(
      [
        'main (file:///srv/app.js:1:1) 3',
        'main (file:///srv/app.js:1:1);(anonymous) (file:///srv/app.js:12:7);parse 7',
        '(garbage collector) 2',
      ].join('\n') + '\n',
    );
  });

  it('merges repeated stacks and skips comments and blank lines', () => {
    const model = parseFolded('# comment\na;b 1\n\na;b 2\na 1\n');
    expect(toFolded(model, 0)).toBe('a 1\na;b 3\n');
  });

  it('names the line that has no value', () => {
    expect(() => parseFolded('a;b 1\na;b\n')).toThrow(/line 2/);
  });

  it('keeps separators out of frame names', () => {
    const model = parseFolded('x 1');
    const renamed = { ...model, frames: [{ ...model.frames[0]!, functionName: 'a;b' }] };
    expect(toFolded(renamed, 0)).toBe('a b 1\n');
  });
});
