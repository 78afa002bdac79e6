import { describe, expect, it } from 'vitest';
import { assembleTree, mergedTree } from './assemble-model';
import { assembledAlready } from './assembled-already';
import { frameCategoryOf, type ProfileFrame } from './profile-model';

const names = ['(root)', 'main', 'work', 'leaf', '(hyperscope agent)', '(idle)'];
const frames: ProfileFrame[] = names.map((functionName) => ({
  functionName,
  url: functionName.startsWith('(') ? '' : 'file:///app.js',
  line: 1,
  column: 1,
  category: frameCategoryOf(functionName, functionName.startsWith('(') ? '' : 'file:///app.js'),
}));

/** A tree from `[parent, frame, self]` rows, in the order given. */
function tree(rows: [number, number, number][]) {
  return {
    parent: Int32Array.from(rows.map((r) => r[0])),
    frame: Int32Array.from(rows.map((r) => r[1])),
    self: [Float64Array.from(rows.map((r) => r[2])), Float64Array.from(rows.map((r) => r[2] * 100))],
  };
}

/** A random tree listed in pre-order under an empty (root), as V8 lists a profile's nodes. */
function randomPreOrder(seed: number, size: number): [number, number, number][] {
  let state = seed;
  const next = (n: number) => (state = (state * 1103515245 + 12345) % 2 ** 31) % n;
  const rows: [number, number, number][] = [[-1, 0, 0]];
  const path = [0];
  for (let i = 1; i < size; i++) {
    path.length = 1 + next(path.length);
    rows.push([path.at(-1)!, 1 + next(5), next(3)]);
    path.push(i);
  }
  return rows;
}

describe('assembleTree on a tree already in shape', () => {
  it('gives what the general way gives, whenever it takes the tree', () => {
    let taken = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const source = tree(randomPreOrder(seed, 2 + (seed % 12)));
      const fast = assembledAlready(source, frames);
      expect(assembleTree(source, frames)).toEqual(mergedTree(source, frames));
      if (fast) taken++;
    }
    // Small random trees often repeat a frame among siblings; some never do.
    expect(taken).toBeGreaterThan(20);
  });

  it('leaves siblings of one frame, nested agent frames and a second root to the general way', () => {
    expect(
      assembledAlready(
        tree([
          [-1, 0, 0],
          [0, 1, 1],
          [1, 2, 1],
          [1, 2, 1],
        ]),
        frames,
      ),
    ).toBeNull();
    expect(
      assembledAlready(
        tree([
          [-1, 0, 0],
          [0, 4, 1],
          [1, 4, 1],
        ]),
        frames,
      ),
    ).toBeNull();
    expect(
      assembledAlready(
        tree([
          [-1, 0, 0],
          [0, 1, 1],
          [-1, 5, 1],
        ]),
        frames,
      ),
    ).toBeNull();
    // Not in pre-order: a node whose parent is not the last one seen a level up.
    expect(
      assembledAlready(
        tree([
          [-1, 0, 0],
          [0, 1, 1],
          [1, 2, 1],
          [0, 2, 1],
          [1, 3, 1],
        ]),
        frames,
      ),
    ).toBeNull();
  });

  it('drops an empty (root) and keeps one with values', () => {
    const dropped = assembledAlready(
      tree([
        [-1, 0, 0],
        [0, 1, 1],
        [1, 2, 1],
      ]),
      frames,
    )!;
    expect(Array.from(dropped.nodes.parent)).toEqual([-1, 0]);
    expect(Array.from(dropped.nodeOfSource)).toEqual([-1, 0, 1]);
    const kept = assembledAlready(
      tree([
        [-1, 0, 2],
        [0, 1, 1],
      ]),
      frames,
    )!;
    expect(Array.from(kept.roots)).toEqual([0]);
  });
});
