import { describe, expect, it } from 'vitest';
import { svgChunks } from '../export/svg';
import { layoutFlame } from '../profile/flame-layout';
import { parseFolded } from '../profile/folded';
import { changeKind, deltaColor } from './delta-color';
import { diffFlame } from './flame-diff';
import { deltaColoring, DRAWN, flameDiffModel } from './flame-diff-model';

const model = (text: string, durationUs?: number) => ({
  ...parseFolded(text, { name: 'time', unit: 'microseconds' }),
  durationUs,
});

// Base ran 1 s, current 2 s: base values count double. parse grew (100 → 200 scaled, now 300),
// render shrank (50 → 100 scaled, now 20), gone vanished (10 → 20 scaled, now 0), fresh is new.
const BASE = model(
  'main (file:///a.js:1:1);parse (file:///a.js:5:1) 100\n' +
    'main (file:///a.js:1:1);render (file:///a.js:9:1) 50\n' +
    'main (file:///a.js:1:1);gone (file:///a.js:20:1) 10\n',
  1e6,
);
const CURRENT = model(
  'main (file:///a.js:2:1);parse (file:///a.js:6:1) 300\n' +
    'main (file:///a.js:2:1);render (file:///a.js:10:1) 20\n' +
    'main (file:///a.js:2:1);fresh (file:///a.js:30:1) 5\n',
  2e6,
);

function nodesByName(diff: ReturnType<typeof flameDiffModel>) {
  const { model: m } = diff;
  const byName = new Map<string, number>();
  for (let i = 0; i < m.nodes.count; i++) byName.set(m.frames[m.nodes.frame[i]!]!.functionName, i);
  return byName;
}

describe('diffFlame', () => {
  it('merges base-only stacks into the current tree with normalised base values and deltas', () => {
    const diff = diffFlame(BASE, CURRENT, 'time');
    expect(diff).toMatchObject({ normalisation: 'duration', baseScale: 2, unit: 'microseconds' });
    const drawable = flameDiffModel(diff);
    const node = nodesByName(drawable);
    expect([...node.keys()].sort()).toEqual(['fresh', 'gone', 'main', 'parse', 'render']);
    const values = (name: string) => {
      const i = node.get(name)!;
      return [drawable.base[i], drawable.current[i]];
    };
    expect(values('parse')).toEqual([200, 300]);
    expect(values('render')).toEqual([100, 20]);
    expect(values('gone')).toEqual([20, 0]);
    expect(values('fresh')).toEqual([0, 5]);
    expect(values('main')).toEqual([320, 325]);
    // The frame shown is the current one (lines moved between builds).
    expect(drawable.model.frames[drawable.model.nodes.frame[node.get('parse')!]!]!.line).toBe(6);
    // Width: current values, and the vanished stack at its base width.
    const layout = layoutFlame(drawable.model, DRAWN);
    expect(layout.width[node.get('gone')!]).toBe(20);
    expect(layout.width[node.get('render')!]).toBe(20);
    expect(layout.width[node.get('main')!]).toBe(345);
  });

  it('colours growth red and shrinkage blue, stronger for bigger relative changes', () => {
    const drawable = flameDiffModel(diffFlame(BASE, CURRENT, 'time'));
    const node = nodesByName(drawable);
    const coloring = deltaColoring(drawable);
    const hue = (name: string) => Number(/^hsl\((\d+),/.exec(coloring.fillOf(node.get(name)!))![1]);
    expect(hue('parse')).toBe(0);
    expect(hue('fresh')).toBe(0);
    expect(hue('render')).toBe(215);
    expect(hue('gone')).toBe(215);
    expect(coloring.noteOf(node.get('parse')!)).toBe('grew: 200µs → 300µs (+100µs, +50%)');
    expect(coloring.noteOf(node.get('gone')!)).toMatch(/^vanished: 20µs → 0µs/);
    expect(changeKind(100, 100.5)).toBe('unchanged');
    const lightness = (relative: number) => Number(/,(\d+)%\)$/.exec(deltaColor(relative))![1]);
    expect(lightness(0.9)).toBeLessThan(lightness(0.1));
    expect(lightness(-0.9)).toBeLessThan(lightness(-0.1));
  });

  it('normalises by total when durations are unknown', () => {
    const diff = diffFlame(model('f (file:///a.js:1:1) 10\n'), model('f (file:///a.js:1:1) 40\n'), 'time');
    expect(diff).toMatchObject({ normalisation: 'total', baseScale: 4, baseSelf: [40], currentSelf: [40] });
  });

  it('colours the SVG by change and keeps names escaped', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const base = model(`${hostile} (file:///a.js:1:1) 10\n`, 1e6);
    const current = model(`${hostile} (file:///a.js:1:1) 30\n`, 1e6);
    const drawable = flameDiffModel(diffFlame(base, current, 'time'));
    const svg = [...svgChunks(drawable.model, DRAWN, { title: 't', delta: deltaColoring(drawable) })].join(
      '',
    );
    expect(svg).not.toContain('<img');
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(svg).toMatch(/grew: 10µs → 30µs \(\+20µs, \+200%\)<\/title><rect [^>]*fill="hsl\(0,/);
  });
});
