import { describe, expect, it } from 'vitest';
import { escapeMarkup, jsonForScript } from '../export/markup-escape';
import { toFolded } from '../profile/folded';
import { detectContent } from './detect-content';
import { ImportError } from './import-error';
import { importBinary, importJson } from './import-profile';

const bytes = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

describe('detectContent', () => {
  it('tells sessions, JSON, text, gzip and binary apart', () => {
    expect(detectContent(bytes('{"type":"header","schema":"hyperscope.session/1"}\n{"type"'))).toBe(
      'session',
    );
    expect(detectContent(bytes('  {"nodes":[]}'))).toBe('json');
    expect(detectContent(bytes('main;work 12\n'))).toBe('text');
    expect(detectContent(Uint8Array.from([0x1f, 0x8b, 8]))).toBe('gzip');
    expect(detectContent(Uint8Array.from([0x0a, 0x04, 0x00, 0xff]))).toBe('binary');
  });
});

describe('importJson', () => {
  it('reads speedscope evented profiles: time between events goes to the open stack', () => {
    const set = importJson({
      $schema: 'https://www.speedscope.app/file-format-schema.json',
      shared: { frames: [{ name: 'main' }, { name: 'work' }] },
      profiles: [
        {
          type: 'evented',
          name: 'trace',
          unit: 'milliseconds',
          startValue: 0,
          endValue: 10,
          events: [
            { type: 'O', at: 0, frame: 0 },
            { type: 'O', at: 2, frame: 1 },
            { type: 'C', at: 7, frame: 1 },
            { type: 'C', at: 10, frame: 0 },
          ],
        },
      ],
    });
    expect(toFolded(set.cpu!, 0)).toBe('main 5000\nmain;work 5000\n');
    expect(set.cpu!.durationUs).toBe(10_000);
  });

  it('names what is broken', () => {
    expect(() =>
      importJson({
        shared: { frames: [] },
        profiles: [
          {
            type: 'sampled',
            name: 'x',
            unit: 'none',
            startValue: 0,
            endValue: 1,
            samples: [[3]],
            weights: [1],
          },
        ],
      }),
    ).toThrow(/frame 3 unknown/);
    expect(() =>
      importJson({
        head: { callFrame: { functionName: '', url: '', lineNumber: 0, columnNumber: 0 }, children: [{}] },
      }),
    ).toThrow(ImportError);
    expect(() => importJson([1, 2])).toThrow(/not a profile Hyperscope knows/);
    expect(() => importBinary(bytes('\u0000\u0001garbage'))).toThrow(/not a profile/);
  });
});

describe('markup escaping', () => {
  it('leaves no markup and no characters XML forbids', () => {
    expect(escapeMarkup('<img src=x onerror="a">&\u0001\uD800')).toBe(
      '&lt;img src=x onerror=&quot;a&quot;&gt;&amp;\uFFFD\uFFFD',
    );
    expect(jsonForScript({ name: '</script><!--' })).toBe('{"name":"\\u003c/script\\u003e\\u003c!--"}');
  });
});
