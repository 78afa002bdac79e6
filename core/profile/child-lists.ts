/** A tree's children per node, from its parent array, as flat typed arrays. */
/** Children of every node, in index order, as one flat list with per-node `[start, end)` ranges. */
export function childLists(parent: ArrayLike<number>): {
  start: Int32Array;
  end: Int32Array;
  list: Int32Array;
} {
  const count = parent.length;
  const start = new Int32Array(count);
  const end = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const p = parent[i]!;
    if (p >= 0) end[p]!++;
  }
  let offset = 0;
  for (let i = 0; i < count; i++) {
    start[i] = offset;
    offset += end[i]!;
    end[i] = start[i]!;
  }
  const list = new Int32Array(offset);
  for (let i = 0; i < count; i++) {
    const p = parent[i]!;
    if (p >= 0) list[end[p]!++] = i;
  }
  return { start, end, list };
}
