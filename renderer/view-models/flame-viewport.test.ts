import { describe, expect, it } from 'vitest';
import type { FlameRect } from '../../core/profile/flame-view-model';
import { codeFirst, hitTest, panBy, rangeOf, zoomAt } from './flame-viewport';

describe('flame viewport', () => {
  it('zooms around the anchor and never beyond the extent', () => {
    expect(zoomAt({ x0: 0, x1: 100 }, 100, 0.5, 0.5)).toEqual({ x0: 25, x1: 75 });
    expect(zoomAt({ x0: 0, x1: 100 }, 100, 0.5, 0)).toEqual({ x0: 0, x1: 50 });
    expect(zoomAt({ x0: 25, x1: 75 }, 100, 4, 0.5)).toEqual({ x0: 0, x1: 100 });
    const deep = zoomAt({ x0: 0, x1: 100 }, 100, 1e-12, 0.5);
    expect(deep.x1 - deep.x0).toBeCloseTo(1e-4);
  });

  it('pans within the extent', () => {
    expect(panBy({ x0: 0, x1: 50 }, 100, 0.5)).toEqual({ x0: 25, x1: 75 });
    expect(panBy({ x0: 0, x1: 50 }, 100, -1)).toEqual({ x0: 0, x1: 50 });
    expect(panBy({ x0: 40, x1: 90 }, 100, 1)).toEqual({ x0: 50, x1: 100 });
    expect(rangeOf(30, 10, 100)).toEqual({ x0: 30, x1: 40 });
  });

  it('finds the rectangle under the pointer', () => {
    const rect = (nodeIndex: number, x: number, width: number, depth: number): FlameRect => ({
      nodeIndex,
      x,
      width,
      depth,
      label: '',
      colorKey: 'app',
      merged: 1,
    });
    const rects = [rect(0, 0, 100, 0), rect(1, 0, 40, 1), rect(2, 40, 60, 1)];
    expect(hitTest(rects, 50, 1)?.nodeIndex).toBe(2);
    expect(hitTest(rects, 10, 0)?.nodeIndex).toBe(0);
    expect(hitTest(rects, 10, 2)).toBeUndefined();
  });
});

describe('codeFirst', () => {
  it('moves (idle) and other V8 pseudo-roots after the code and spans the code', async () => {
    const { parseFolded } = await import('../../core/profile/folded');
    const { layoutFlame } = await import('../../core/profile/flame-layout');
    const { flameRects } = await import('../../core/profile/flame-view-model');
    // '(anonymous)' sorts before '(idle)' by name: the code is not contiguous until moved.
    const model = parseFolded('(anonymous);tick 4\n(idle) 90\nmain;work 4\nmain;other 2\n');
    const { layout, code } = codeFirst(layoutFlame(model, 0, 'alphabetical'));
    expect(code).toEqual({ x0: 0, x1: 10 });
    const rects = flameRects(layout, { x0: 0, x1: 10, depth0: 0, depth1: layout.depthCount, widthPx: 100 });
    expect(rects.map((r) => `${r.label}@${r.depth}:${r.x}+${r.width}`).sort()).toEqual(
      ['(anonymous)@0:0+40', 'tick@1:0+40', 'main@0:40+60', 'other@1:40+20', 'work@1:60+40'].sort(),
    );
    expect(codeFirst(layoutFlame(parseFolded('(idle) 5\n'), 0)).code.x1).toBe(5);
  });
});
