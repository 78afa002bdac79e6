/**
 * Opens what `report` and the app open: a session file, or a profile file from another tool (`.cpuprofile`,
 * `.heapprofile`, pprof, speedscope, folded stacks) made into a session without snapshots. Told apart
 * by content, never by the file name.
 */
import { basename } from 'node:path';
import { detectContent } from '../../core/import/detect-content';
import { sessionOfProfiles } from '../../core/import/session-of-profiles';
import type { Session } from '../../core/session/session';
import type { PprofImportOptions } from '../../core/import/pprof';
import { HEAD_BYTES, importBytes, namingFile, readInput } from '../export/read-profile-input';
import { parseSession } from './parse-session-text';

/**
 * The session in `path` (`options`: how a pprof profile is read). A profile's session is dated by the file's mtime. Throws a SessionFormatError or
 * an ImportError whose one line names the file.
 */
export async function readSessionOrProfile(path: string, options: PprofImportOptions = {}): Promise<Session> {
  const input = await readInput(path, options);
  if (input.kind === 'session') return input.session;
  return sessionOfProfiles(input.set, { name: basename(path), createdAt: Math.round(input.mtimeMs) });
}

/**
 * The session in `text`, a file's contents the browser handed over (so text profiles only: pprof is
 * binary). `name` names the file in errors and the imported session; `now` dates an imported profile.
 */
export function parseSessionOrProfile(name: string, text: string, now = Date.now()): Session {
  // Only the head is encoded to tell what it is (HEAD_BYTES chars give at least as many bytes): a
  // session, the common case and often tens of MB, is parsed from the text without a byte copy of it.
  if (detectContent(new TextEncoder().encode(text.slice(0, HEAD_BYTES))) === 'session')
    return parseSession(name, text);
  const bytes = new TextEncoder().encode(text);
  return namingFile(name, () => sessionOfProfiles(importBytes(bytes, name), { name, createdAt: now }));
}
