// Strings from the target are data, never markup or terminal commands: hostile function names, URLs
// and argv go through the text report, the HTML export and the SVG export without taking effect.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportProfile } from '../../core/export/export-profile';
import { analysisContext } from '../../core/findings/analysis-context';
import { profileSetOfSession } from '../../core/import/from-session';
import { buildReport } from '../../core/report/build-report';
import { formatTextReport } from '../../core/report/format-text';
import { parseSessionText } from '../../core/session/session-assembler';
import { FIXTURE_TEXT } from './support/session-mutations';

export const RUNS = { text: 150, markup: 60 };

/** Pieces an attacker would put in a function name, a URL or a hostname. */
const HOSTILE_PIECES = [
  '\u001b[2J',
  '\u001b]0;owned\u0007',
  '\u009b31m',
  '\r',
  '\u202e',
  '\u0000',
  '\u007f',
  '</script><b id="pwn">',
  "$'$&$`",
  '<svg onload="pwn()">',
  '"><b id="pwn">',
  "'><b id='pwn'>",
  ']]>',
  '<!--',
  '\u2028',
  '&amp;',
];
const hostile = fc
  .array(fc.oneof(fc.constantFrom(...HOSTILE_PIECES), fc.string({ maxLength: 6 })), {
    minLength: 1,
    maxLength: 6,
  })
  .map((parts) => parts.join(''));

/** The fixture with `name` in every function name, URL and argv entry. */
function sessionNaming(name: string) {
  const json = JSON.stringify(name).slice(1, -1);
  // Function replacers: `$'` and friends in a generated name are text, not replacement patterns.
  const text = FIXTURE_TEXT.replaceAll('"functionName":"', () => `"functionName":"${json}`)
    .replaceAll('"url":"', () => `"url":"${json}`)
    .replace('"argv":["', () => `"argv":["${json}`);
  return parseSessionText(text);
}

const joined = (chunks: Iterable<string | Uint8Array>): string =>
  [...chunks].map((c) => (typeof c === 'string' ? c : Buffer.from(c).toString())).join('');

// Tabs and newlines lay text out (the goroutine dump indents with tabs); every other control character is refused.
// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const CONTROL_EXCEPT_LAYOUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex -- our own colours: SGR sequences only
const OUR_COLOURS = /\u001b\[[0-9;]*m/g;

describe('hostile names in the text report', () => {
  it('control characters are shown, never sent to the terminal (plain and coloured)', () => {
    fc.assert(
      fc.property(hostile, fc.boolean(), (name, color) => {
        const session = sessionNaming(name);
        const text = formatTextReport(buildReport(session, analysisContext(session)), { color });
        expect(text.replace(OUR_COLOURS, '')).not.toMatch(CONTROL_EXCEPT_LAYOUT);
      }),
      { numRuns: RUNS.text },
    );
  });
});

describe('hostile names in the HTML and SVG exports', () => {
  const baseline = profileSetOfSession(sessionNaming('plain'));
  const count = (text: string, what: string): number => text.split(what).length - 1;
  const html0 = joined(exportProfile(baseline, 'html', 'cpu', 'plain').chunks);
  const svg0 = joined(exportProfile(baseline, 'svg', 'cpu', 'plain').chunks);

  it('no element, attribute or script end comes from a name', () => {
    fc.assert(
      fc.property(hostile, (name) => {
        const set = profileSetOfSession(sessionNaming(name));
        for (const [format, plain] of [
          ['html', html0],
          ['svg', svg0],
        ] as const) {
          const out = joined(exportProfile(set, format, 'cpu', name).chunks);
          expect(out, format).not.toContain('<b id');
          expect(out, format).not.toContain('<svg onload');
          expect(count(out, '</script'), format).toBe(count(plain, '</script'));
          expect(count(out, '<script'), format).toBe(count(plain, '<script'));
          expect(count(out, '<!--'), format).toBe(count(plain, '<!--'));
        }
      }),
      { numRuns: RUNS.markup },
    );
  });
});
