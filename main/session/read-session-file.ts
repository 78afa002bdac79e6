/** Reads a session file line by line into a {@link Session}, whatever its size. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { createSessionAssembler } from '../../core/session/session-assembler';
import type { Session } from '../../core/session/session';
import { SessionFormatError } from '../../core/session/session-error';

/** Longest line accepted, in characters: a bigger one is not something we wrote. */
const MAX_LINE_CHARS = 64 * 1024 * 1024;

export async function readSessionFile(path: string): Promise<Session> {
  const name = basename(path);
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new SessionFormatError(
      error.code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot read (${error.code})`,
    );
  });
  if (!info.isFile()) throw new SessionFormatError(`${path}: not a file`);
  const assembler = createSessionAssembler(name);
  const stream = createReadStream(path, { encoding: 'utf8' });
  let endsWithNewline = true;
  stream.on('data', (chunk) => {
    if (chunk.length > 0) endsWithNewline = (chunk as string).endsWith('\n');
  });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber++;
      if (line.length > MAX_LINE_CHARS)
        throw new SessionFormatError(`${name}: line ${lineNumber} is too long`);
      assembler.addLine(line, lineNumber);
    }
  } finally {
    stream.destroy();
  }
  if (!endsWithNewline) assembler.markUnterminated();
  return assembler.finish();
}
