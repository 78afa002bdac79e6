/**
 * Splits a byte stream into lines without ever holding more than `maxLineBytes` of one line, unlike
 * `readline`, which buffers a whole line however long before handing it over (a 200 MB line would
 * be read entirely, then copied, before anyone could refuse it).
 */

export interface SplitLinesOptions {
  /** Longest line accepted, in bytes (UTF-8, without its newline). */
  maxLineBytes: number;
  /** The error to throw for a longer line; `lineNumber` is 1-based. */
  tooLong: (lineNumber: number) => Error;
}

/** The lines of the stream as strings (a trailing `\r` is dropped), and whether the last one ended in `\n`. */
export async function* splitLines(
  chunks: AsyncIterable<Buffer>,
  options: SplitLinesOptions,
): AsyncGenerator<string, { endsWithNewline: boolean }> {
  const NEWLINE = 0x0a;
  let pieces: Buffer[] = [];
  let pendingBytes = 0;
  let lineNumber = 0;
  const take = (last: Buffer): string => {
    lineNumber++;
    if (pendingBytes + last.length > options.maxLineBytes) throw options.tooLong(lineNumber);
    const bytes = pieces.length === 0 ? last : Buffer.concat([...pieces, last]);
    pieces = [];
    pendingBytes = 0;
    // A newline byte never occurs inside a multi-byte UTF-8 sequence, so lines decode on their own.
    const text = bytes.toString('utf8');
    return text.endsWith('\r') ? text.slice(0, -1) : text;
  };
  for await (const chunk of chunks) {
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      yield take(chunk.subarray(start, end));
      start = end + 1;
    }
    if (start < chunk.length) {
      pendingBytes += chunk.length - start;
      // Refuse as soon as the line is too long, before reading the rest of it.
      if (pendingBytes > options.maxLineBytes) throw options.tooLong(lineNumber + 1);
      pieces.push(chunk.subarray(start));
    }
  }
  if (pendingBytes > 0) {
    yield take(Buffer.alloc(0));
    return { endsWithNewline: false };
  }
  return { endsWithNewline: true };
}
