import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutFlame, type FlameOrder } from './flame-layout';
import { flameRects, searchFrames, type FlameRect } from './flame-view-model';
import { parseFolded } from './folded';

/** Random folded profiles: up to 40 stacks of depth 1–8 over 6 function names. */
const foldedText = fc
  .array(
    fc.tuple(
      fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { minLength: 1, maxLength: 8 }),
      fc.integer({ min: 1, max: 1000 }),
    ),
    { minLength: 1, maxLength: 40 },
  )
  .map((stacks) => stacks.map(([names, value]) => `${names.join(';')} ${value}`).join('\n'));

function byDepth(rects: FlameRect[]): Map<number, FlameRect[]> {
  const map = new Map<number, FlameRect[]>();
  for (const rect of rects) map.set(rect.depth, [...(map.get(rect.depth) ?? []), rect]);
  return map;
}

describe('flame view-model', () => {
  it('covers the viewport at depth 0 and never overlaps, in every order and zoom', () => {
    fc.assert(
      fc.property(
        foldedText,
        fc.constantFrom<FlameOrder>('alphabetical', 'left-heavy', 'model'),
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        fc.integer({ min: 20, max: 2000 }),
        (text, order, from, fraction, widthPx) => {
          const layout = layoutFlame(parseFolded(text), 0, order);
          const x0 = layout.extent * from;
          const x1 = Math.min(layout.extent, x0 + layout.extent * fraction);
          const rects = flameRects(layout, { x0, x1, depth0: 0, depth1: 100, widthPx });
          for (const [depth, row] of byDepth(rects)) {
            const sorted = [...row].sort((a, b) => a.x - b.x);
            sorted.forEach((rect, k) => {
              expect(rect.x).toBeGreaterThanOrEqual(-1e-9);
              expect(rect.x + rect.width).toBeLessThanOrEqual(widthPx + 1e-6);
              if (k > 0)
                expect(rect.x).toBeGreaterThanOrEqual(sorted[k - 1]!.x + sorted[k - 1]!.width - 1e-6);
            });
            if (depth === 0) {
              const covered = sorted.reduce((sum, rect) => sum + rect.width, 0);
              expect(covered).toBeCloseTo(widthPx, 6);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('places children inside their parent, heaviest first when left-heavy', () => {
    const model = parseFolded('main;a 1\nmain;b 5\nmain;c 2\nidle 2\n');
    const rects = flameRects(layoutFlame(model, 0, 'left-heavy'), {
      x0: 0,
      x1: 10,
      depth0: 0,
      depth1: 10,
      widthPx: 100,
    });
    expect(rects.filter((r) => r.depth === 1).map((r) => [r.label, r.x, r.width])).toEqual([
      ['b', 0, 50],
      ['c', 50, 20],
      ['a', 70, 10],
    ]);
    const alphabetical = flameRects(layoutFlame(model, 0), {
      x0: 0,
      x1: 10,
      depth0: 1,
      depth1: 2,
      widthPx: 100,
    });
    expect(alphabetical.map((r) => r.label)).toEqual(['a', 'b', 'c']);
  });

  it('merges touching sub-pixel nodes and skips what they hide', () => {
    const lines = Array.from({ length: 50 }, (_, i) => `main;f${i};deep 1`);
    const model = parseFolded([...lines, 'main;big 950'].join('\n'));
    const rects = flameRects(layoutFlame(model, 0, 'left-heavy'), {
      x0: 0,
      x1: 1000,
      depth0: 0,
      depth1: 5,
      widthPx: 100,
    });
    const depth1 = rects.filter((r) => r.depth === 1);
    expect(depth1.map((r) => [r.label, r.merged, r.colorKey])).toEqual([
      ['big', 1, 'native'],
      ['', 50, 'merged'],
    ]);
    expect(depth1[1]!.width).toBeCloseTo(5);
    expect(rects.some((r) => r.label === 'deep')).toBe(false);
  });

  it('finds frames by name or url, ignoring case', () => {
    const model = parseFolded(
      'main (file:///srv/app.js:1:1);parseBody 1\nmain (file:///srv/app.js:1:1);PARSEHeaders 1',
    );
    const names = (query: string) =>
      [...searchFrames(model, query)].map((f) => model.frames[f]!.functionName).sort();
    expect(names('parse')).toEqual(['PARSEHeaders', 'parseBody']);
    expect(names('app.js')).toEqual(['main']);
    expect(names(' ')).toEqual([]);
  });
});
