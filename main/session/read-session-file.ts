/** Reads a session file line by line into a {@link Session}, whatever its size, in bounded memory per line. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { createSessionAssembler } from '../../core/session/session-assembler';
import type { Session } from '../../core/session/session';
import { SessionFormatError } from '../../core/session/session-error';
import { splitLines } from './split-lines';

/**
 * Longest line accepted, in bytes: a bigger one is not something we wrote (profile parts are a few
 * hundred KiB; see `core/session/profile-records.ts`), and refusing it early bounds the reader's memory.
 */
export const MAX_LINE_BYTES = 32 * 1024 * 1024;

export async function readSessionFile(path: string): Promise<Session> {
  const name = basename(path);
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new SessionFormatError(
      error.code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot read (${error.code})`,
    );
  });
  if (!info.isFile()) throw new SessionFormatError(`${path}: not a file`);
  const assembler = createSessionAssembler(name);
  const stream = createReadStream(path, { highWaterMark: 1024 * 1024 });
  const lines = splitLines(stream, {
    maxLineBytes: MAX_LINE_BYTES,
    tooLong: (line) =>
      new SessionFormatError(`${name}: line ${line} is longer than ${MAX_LINE_BYTES / 1024 / 1024} MiB`),
  });
  let lineNumber = 0;
  try {
    for (;;) {
      const next = await lines.next();
      if (next.done) {
        if (!next.value.endsWithNewline) assembler.markUnterminated();
        break;
      }
      assembler.addLine(next.value, ++lineNumber);
    }
  } catch (error) {
    if (error instanceof SessionFormatError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new SessionFormatError(`${name}: cannot read (${code ?? (error as Error).message})`);
  } finally {
    stream.destroy();
  }
  return assembler.finish();
}
