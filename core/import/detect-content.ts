/** Tells input formats apart by their first bytes, before anything is parsed. */

/**
 * `gzip`: compressed (pprof files usually are; gunzip and look again); `session`: a Hyperscope session
 * (NDJSON whose first record is its header); `json`: one JSON document; `text`: folded stacks or other
 * text; `binary`: anything else (an uncompressed pprof protobuf, or not a profile at all).
 */
export type ContentKind = 'gzip' | 'session' | 'json' | 'text' | 'binary';

/** Looks at up to the first 4 KiB of a file. */
export function detectContent(head: Uint8Array): ContentKind {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  const length = Math.min(head.length, 4096);
  let start = 0;
  while (start < length && isSpace(head[start]!)) start++;
  const first = head[start];
  let printable = 0;
  for (let i = 0; i < length; i++) if (isPrintable(head[i]!)) printable++;
  if (first === 0x7b || first === 0x5b) {
    const line = String.fromCharCode(...head.subarray(start, length)).split('\n')[0]!;
    return /^\{"type":"header","schema":"hyperscope\.session\//.test(line) ? 'session' : 'json';
  }
  return length > 0 && printable === length ? 'text' : 'binary';
}

function isSpace(byte: number): boolean {
  return (
    byte === 0x20 ||
    byte === 0x0a ||
    byte === 0x0d ||
    byte === 0x09 ||
    byte === 0xef ||
    byte === 0xbb ||
    byte === 0xbf
  );
}

// UTF-8 text: printable ASCII, whitespace, and any byte of a multi-byte sequence.
function isPrintable(byte: number): boolean {
  return byte >= 0x20 ? byte !== 0x7f : byte === 0x0a || byte === 0x0d || byte === 0x09;
}
