import { describe, expect, it } from 'vitest';
import { captureStack, capturedFrames, dropLeadingNodeFrames, parseStack } from './stack-frames';

describe('parseStack', () => {
  it('reads named, anonymous, constructor and async frames, innermost first', () => {
    const stack = [
      'Error',
      '    at new Agent (node:_http_agent:100:3)',
      '    at Object.makeAgent (/srv/app.js:33:18)',
      '    at async handler (file:///srv/app.mjs:5:7)',
      '    at /srv/app.js:1:9',
    ].join('\n');
    expect(parseStack(stack)).toEqual([
      { functionName: 'new Agent', url: 'node:_http_agent', line: 100, column: 3 },
      { functionName: 'Object.makeAgent', url: '/srv/app.js', line: 33, column: 18 },
      { functionName: 'handler', url: 'file:///srv/app.mjs', line: 5, column: 7 },
      { functionName: '', url: '/srv/app.js', line: 1, column: 9 },
    ]);
  });

  it('drops the leading frames inside Node', () => {
    const frames = parseStack('    at a (node:net:1:1)\n    at b (/x.js:2:2)\n    at c (node:events:3:3)');
    expect(dropLeadingNodeFrames(frames).map((frame) => frame.functionName)).toEqual(['b', 'c']);
  });

  it('captures the caller, not the capturing function', () => {
    function makeThing(): ReturnType<typeof captureStack> {
      return captureStack(makeThing);
    }
    function caller(): ReturnType<typeof captureStack> {
      return makeThing();
    }
    expect(parseStack(caller().stack)[0]?.functionName).toBe('caller');
  });
});

describe('capturedFrames', () => {
  function held(): ReturnType<typeof captureStack> {
    return captureStack(held);
  }
  function outer(): ReturnType<typeof captureStack> {
    return held();
  }

  it("reads V8's frames past a formatter the service installed (source-map-support, --enable-source-maps), and puts it back", () => {
    const stack = outer();
    const installed = Error.prepareStackTrace;
    // What a source-map formatter does: every position rewritten to another file and line.
    const mapping = (): string => 'Error\n    at mapped (/src/original.ts:1:1)';
    Error.prepareStackTrace = mapping;
    try {
      const [first] = capturedFrames(stack);
      expect(first).toMatchObject({
        functionName: 'outer',
        url: expect.stringMatching(/stack-frames\.test\.ts$/),
      });
      expect(Error.prepareStackTrace).toBe(mapping);
    } finally {
      Error.prepareStackTrace = installed;
    }
  });
});
