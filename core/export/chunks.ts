/** Output in bounded pieces: exporters yield small strings, consumers get chunks of about 64 K characters. */

/** Chunk size, characters: big enough for few writes, small enough that memory stays flat. */
export const CHUNK_CHARS = 1 << 16;

/** Joins `pieces` into chunks of at least `size` characters (the last may be shorter). */
export function* batched(pieces: Iterable<string>, size = CHUNK_CHARS): Generator<string> {
  let parts: string[] = [];
  let length = 0;
  for (const piece of pieces) {
    parts.push(piece);
    length += piece.length;
    if (length >= size) {
      yield parts.join('');
      parts = [];
      length = 0;
    }
  }
  if (length > 0) yield parts.join('');
}

/** A number as JSON, rounded to at most 3 decimals (profiles carry µs and bytes, not more precision). */
export function num(value: number): string {
  return Number.isFinite(value) ? String(Math.round(value * 1000) / 1000) : '0';
}

/** The frame indices of `node`'s stack, root first. */
export function stackOf(parent: ArrayLike<number>, frame: ArrayLike<number>, node: number): number[] {
  const stack: number[] = [];
  for (let i = node; i >= 0; i = parent[i]!) stack.push(frame[i]!);
  return stack.reverse();
}
