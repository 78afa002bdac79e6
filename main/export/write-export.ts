/** Writes an export's chunks to a file (atomically: a temp file renamed at the end) or to stdout. */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { ExportOutput } from '../../core/export/export-profile';

/** Writes `output` to `destination` (`-` for stdout); returns the bytes written to it. */
export async function writeExport(output: ExportOutput, destination: string): Promise<number> {
  const plain = Readable.from(output.chunks as Iterable<string | Uint8Array>, { objectMode: false });
  const source = output.type === 'bytes' && output.gzip ? plain.pipe(createGzip()) : plain;
  plain.on('error', (error) => source.destroy(error));
  let written = 0;
  const count = async function* (chunks: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer | string> {
    for await (const chunk of chunks) {
      written += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      yield chunk;
    }
  };
  if (destination === '-') {
    await pipeline(source, count, toStdout());
    return written;
  }
  const temporary = `${destination}.tmp-${process.pid}`;
  try {
    await pipeline(source, count, createWriteStream(temporary, { mode: 0o644 }));
    await rename(temporary, destination);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return written;
}

// stdout must not be closed when the export ends: wrap it in a sink that waits for drain instead.
function toStdout(): (chunks: AsyncIterable<Buffer | string>) => Promise<void> {
  const out: Writable = process.stdout;
  return async (chunks) => {
    for await (const chunk of chunks) {
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', resolve));
    }
  };
}
