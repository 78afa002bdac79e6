/**
 * How deeply a JSON text nests, measured without parsing it. `JSON.parse` itself copes with deep
 * nesting, but whatever walks the result recursively later (`JSON.stringify`, `structuredClone`,
 * IPC) overflows the stack: a session line nested deeper than any record we write is refused first.
 */

/** True when `text` nests arrays/objects deeper than `maxDepth` (brackets inside strings are ignored). */
export function nestsDeeperThan(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
