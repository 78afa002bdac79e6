/**
 * Reads any input Hyperscope can view, export or diff into a ProfileSet: a session file or a profile
 * file from another tool, recognised by its content (gzip is undone here, where zlib is). A session's
 * frames are put in original sources, as `report` and the app show them.
 */
import { open, readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { detectContent } from '../../core/import/detect-content';
import { profileSetOfSession } from '../../core/import/from-session';
import { ImportError } from '../../core/import/import-error';
import { importBinary, importFolded, importJson } from '../../core/import/import-profile';
import type { PprofImportOptions } from '../../core/import/pprof';
import type { ProfileSet } from '../../core/import/profile-set';
import { pickPart } from '../../core/parts/pick-part';
import type { Session } from '../../core/session/session';
import type { SessionPart } from '../../core/session/session-parts';
import { remapSessionSources, sessionSourceMapCache } from '../profile/session-source-maps';
import { readSessionFile } from '../session/read-session-file';

/** How much of a file's start tells what it holds (`detectContent` looks no further), bytes. */
export const HEAD_BYTES = 4096;

/** What a file holds, told by content: a session as recorded, or another tool's profiles. */
export type ProfileInput =
  | { kind: 'session'; session: Session }
  /** `mtimeMs`: when the profile file was last written, ms since the epoch (dates its session). */
  | { kind: 'profiles'; set: ProfileSet; mtimeMs: number };

/**
 * The contents of `path`, read once: one stat, one look at its head, then the session or the profile.
 * Throws an ImportError (or SessionFormatError) with one line naming the file.
 */
export async function readInput(path: string, options: PprofImportOptions = {}): Promise<ProfileInput> {
  const name = basename(path);
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new ImportError(
      error.code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot read (${error.code})`,
    );
  });
  if (!info.isFile()) throw new ImportError(`${path}: not a file`);
  const kind = detectContent(await readHead(path));
  if (kind === 'session') return { kind, session: await readSessionFile(path) };
  const bytes = await readFile(path);
  const set = namingFile(name, () => importBytes(kind === 'gzip' ? gunzip(bytes) : bytes, name, options));
  return { kind: 'profiles', set, mtimeMs: info.mtimeMs };
}

/**
 * The profiles in `path`. Throws an ImportError (or SessionFormatError) with one line naming the file.
 * `onUnmapped` hears of the scripts whose source map could not be used, as `url: reason` lines (their
 * frames stay as they ran). A session of several processes or threads gives all of them merged.
 */
export async function readProfileInput(
  path: string,
  onUnmapped: (problems: string[]) => void = () => undefined,
  options: PprofImportOptions = {},
): Promise<ProfileSet> {
  const input = await readInput(path, options);
  if (input.kind === 'profiles') return input.set;
  return profileSetOfSession(await inOriginalSources(input.session, onUnmapped));
}

/** An input's profiles and the name tools and diffs show for them; `part` when one was chosen. */
export interface NamedInput {
  name: string;
  set: ProfileSet;
  part?: SessionPart;
}

/**
 * The profiles in `path` named by its file name; with `which` (`--process`), those of the one process
 * or thread of its session that `which` names (`pickPart`: an id, a label or a pid), named by file and
 * label. Throws a PartChoiceError naming the parts when none answers, an ImportError when `which` is
 * given for a profile file (it has no parts to choose from).
 */
export async function readNamedInput(
  path: string,
  which: string | undefined,
  onUnmapped: (problems: string[]) => void = () => undefined,
  options: PprofImportOptions = {},
): Promise<NamedInput> {
  if (which === undefined)
    return { name: basename(path), set: await readProfileInput(path, onUnmapped, options) };
  const input = await readInput(path, options);
  if (input.kind === 'profiles')
    throw new ImportError(`${basename(path)}: a ${input.set.format} profile, not a recording of processes`);
  const part = pickPart(await inOriginalSources(input.session, onUnmapped), which);
  return { name: `${basename(path)} (${part.label})`, set: profileSetOfSession(part.session), part };
}

async function inOriginalSources(
  session: Session,
  onUnmapped: (problems: string[]) => void,
): Promise<Session> {
  const sourceMaps = sessionSourceMapCache(session);
  const remapped = await remapSessionSources(session, sourceMaps);
  if (sourceMaps.problems().length > 0) onUnmapped(sourceMaps.problems());
  return remapped;
}

/** `read()`'s result; an ImportError it throws gets `name` in front, unless it names the file already. */
export function namingFile<T>(name: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ImportError && !error.message.startsWith(`${name}:`))
      throw new ImportError(`${name}: ${error.message}`);
    throw error;
  }
}

/** A (gunzipped) file's bytes as a profile set, by content. */
export function importBytes(bytes: Uint8Array, name: string, options: PprofImportOptions = {}): ProfileSet {
  switch (detectContent(bytes.subarray(0, HEAD_BYTES))) {
    case 'gzip':
      throw new ImportError('compressed twice');
    case 'session':
      throw new ImportError('a session file inside gzip: gunzip it first');
    case 'json':
      return importJson(
        parseJson(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'), name),
      );
    case 'text':
      return importFolded(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
    case 'binary':
      return importBinary(bytes, options);
  }
}

function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ImportError(`${name}: not valid JSON (${(error as Error).message})`);
  }
}

function gunzip(bytes: Buffer): Buffer {
  try {
    return gunzipSync(bytes);
  } catch (error) {
    throw new ImportError(`broken gzip data (${(error as Error).message})`);
  }
}

/** Up to the first 4 KiB of `path`, for {@link detectContent}. */
async function readHead(path: string): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await file.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}
