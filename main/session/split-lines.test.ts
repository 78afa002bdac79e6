import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitLines } from './split-lines';

async function* chunked(bytes: Buffer, sizes: number[]): AsyncGenerator<Buffer> {
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const size = Math.max(1, sizes[i % Math.max(1, sizes.length)] ?? 1);
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

async function collect(source: AsyncIterable<Buffer>, maxLineBytes = 1 << 20) {
  const lines: string[] = [];
  const it = splitLines(source, { maxLineBytes, tooLong: (n) => new RangeError(`line ${n} too long`) });
  for (;;) {
    const next = await it.next();
    if (next.done) return { lines, endsWithNewline: next.value.endsWithNewline };
    lines.push(next.value);
  }
}

describe('splitLines', () => {
  it('gives the same lines as split("\\n") whatever the chunking, multi-byte characters included', async () => {
    const text = fc.array(
      fc.oneof(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.constant('\n'), fc.constant('\r\n')),
      {
        maxLength: 40,
      },
    );
    await fc.assert(
      fc.asyncProperty(
        text,
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 8 }),
        async (parts, sizes) => {
          const joined = parts.join('');
          const { lines, endsWithNewline } = await collect(chunked(Buffer.from(joined), sizes));
          const expected = joined.split('\n').map((line) => line.replace(/\r$/, ''));
          if (joined.endsWith('\n') || joined === '') expected.pop();
          expect(lines).toEqual(expected);
          expect(endsWithNewline).toBe(joined === '' || joined.endsWith('\n'));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a long line as soon as it passes the limit, without reading the rest', async () => {
    let read = 0;
    async function* endless(): AsyncGenerator<Buffer> {
      yield Buffer.from('{"ok":1}\n');
      for (;;) {
        read++;
        yield Buffer.alloc(64 * 1024, 0x61);
      }
    }
    await expect(collect(endless(), 1024 * 1024)).rejects.toThrow('line 2 too long');
    expect(read).toBeLessThanOrEqual(17);
  });
});
