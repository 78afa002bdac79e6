import { describe, expect, it } from 'vitest';
import { diffFlame } from '../../core/diff/flame-diff';
import { flameRects } from '../../core/profile/flame-view-model';
import { parseFolded } from '../../core/profile/folded';
import { flameDiffView } from './flame-diff-view';

const model = (text: string) => ({
  ...parseFolded(text, { name: 'time', unit: 'microseconds' }),
  durationUs: 1e6,
});

// Same duration: parse grew 100 → 300, render shrank 100 → 50, gone (20) vanished.
const diff = diffFlame(
  model(
    'main (file:///a.js:1:1);parse (file:///a.js:5:1) 100\nmain (file:///a.js:1:1);render (file:///a.js:9:1) 100\nmain (file:///a.js:1:1);gone (file:///a.js:20:1) 20\n',
  ),
  model(
    'main (file:///a.js:1:1);parse (file:///a.js:5:1) 300\nmain (file:///a.js:1:1);render (file:///a.js:9:1) 50\n',
  ),
  'time',
);

function rectsOf(dark: boolean) {
  // The comparison crosses the bridge as JSON: build the view from what arrives.
  const view = flameDiffView(JSON.parse(JSON.stringify(diff)) as typeof diff, dark);
  const rects = flameRects(view.layout, {
    x0: 0,
    x1: view.layout.extent,
    depth0: 0,
    depth1: 2,
    widthPx: 740,
  });
  return rects.map((r) => ({
    label: r.label,
    width: r.width,
    fill: view.delta.fillOf(r.nodeIndex),
    note: view.delta.noteOf(r.nodeIndex),
  }));
}

describe('flameDiffView', () => {
  it('draws this session widths, vanished stacks at base width, coloured by change', () => {
    const rects = rectsOf(false);
    expect(rects.map((r) => [r.label, Math.round(r.width)])).toEqual([
      ['main', 740],
      ['gone', 40],
      ['parse', 600],
      ['render', 100],
    ]);
    const by = new Map(rects.map((r) => [r.label, r]));
    expect(by.get('parse')!.fill).toMatch(/^hsl\(0,/);
    expect(by.get('render')!.fill).toMatch(/^hsl\(215,/);
    expect(by.get('gone')!.note).toBe('vanished: 20µs → 0µs (-20µs, -100%)');
    expect(by.get('parse')!.note).toBe('grew: 100µs → 300µs (+200µs, +200%)');
    // Vanishing is the strongest shrinkage: a darker blue than render's halving.
    const lightness = (fill: string) => Number(/,(\d+)%\)$/.exec(fill)![1]);
    expect(lightness(by.get('gone')!.fill)).toBeLessThan(lightness(by.get('render')!.fill));
  });

  it('has a dark-theme colouring that differs from the light one', () => {
    const light = rectsOf(false).find((r) => r.label === 'parse')!.fill;
    const dark = rectsOf(true).find((r) => r.label === 'parse')!.fill;
    expect(dark).toMatch(/^hsl\(0,/);
    expect(dark).not.toBe(light);
  });
});
