/** Reads a session from text (a file's contents the browser handed over), as `readSessionFile` does from disk. */
import { createSessionAssembler } from '../../core/session/session-assembler';
import type { Session } from '../../core/session/session';

/** The session in `text`; `name` is for messages. Throws a SessionFormatError naming the line. */
export function parseSession(name: string, text: string): Session {
  const assembler = createSessionAssembler(name);
  const lines = text.split('\n');
  const unterminated = text.length > 0 && !text.endsWith('\n');
  if (!unterminated && lines.at(-1) === '') lines.pop();
  lines.forEach((line, i) => assembler.addLine(line.replace(/\r$/, ''), i + 1));
  if (unterminated) assembler.markUnterminated();
  return assembler.finish();
}
