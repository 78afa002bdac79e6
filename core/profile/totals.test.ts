import { describe, expect, it } from 'vitest';
import { parseFolded } from './folded';
import { formatTop, topFunctions } from './top';
import { functionTotals, grandTotal, nodeTotals } from './totals';

const folded = ['main;a;b;a;c 5', 'main;a 3', 'main;b 2', 'other 10'].join('\n');

describe('totals', () => {
  it('sums subtrees per node', () => {
    const model = parseFolded(folded);
    const totals = nodeTotals(model, 0);
    expect(totals[model.roots[0]!]).toBe(10);
    expect(grandTotal(model, 0)).toBe(20);
  });

  it('aggregates a function across the tree and counts recursion once', () => {
    const model = parseFolded(folded);
    const { self, total } = functionTotals(model, 0);
    const at = (name: string): number => model.frames.findIndex((f) => f.functionName === name);
    expect([self[at('a')], total[at('a')]]).toEqual([3, 8]);
    expect([self[at('b')], total[at('b')]]).toEqual([2, 7]);
    expect([self[at('main')], total[at('main')]]).toEqual([0, 10]);
  });
});

describe('topFunctions', () => {
  it('orders by flat like pprof -top, with sum% running down', () => {
    const rows = topFunctions(parseFolded(folded), 0, 3);
    expect(rows.map((r) => r.frame.functionName)).toEqual(['other', 'c', 'a']);
    expect(rows.map((r) => r.flatPercent)).toEqual([50, 25, 15]);
    expect(rows.map((r) => r.sumPercent)).toEqual([50, 75, 90]);
    expect(rows[2]).toMatchObject({ cum: 8, cumPercent: 40 });
    const text = formatTop(rows, 'microseconds');
    expect(text.split('\n')[0]).toMatch(/flat\s+flat%\s+sum%\s+cum\s+cum%\s+name/);
    expect(text).toContain('10µs');
  });
});
