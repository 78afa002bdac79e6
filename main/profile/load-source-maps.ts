/**
 * Loads the source maps of the scripts a profile names, for `core/profile/source-map.ts` to remap with.
 * A script's map comes from its last `//# sourceMappingURL=` comment (an inline `data:` URL or a file
 * path relative to the script) or, without one, from `<script>.map` when that exists. Only local scripts are read (frame urls that are `file://` URLs or absolute paths),
 * and modules whose url is a `data:` URL carrying their whole text (tsx), whose map is read from it or,
 * as tsx leaves it out, from tsx's transform cache (`tsx-cached-map.ts`).
 * Maps a recording carried (`source-map` records: the inline maps of code tsx or ts-node compiled in
 * memory, which the file on disk does not have) come first.
 * A target in a container names paths of its own file system: they are read under its `root`
 * (`/proc/PID/root`, `main/reach/path-in-root.ts`) and keep their own names in the maps.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TraceMap } from '@jridgewell/trace-mapping';
import type { SourceMaps } from '../../core/profile/source-map';
import type { ProfileModel } from '../../core/profile/profile-model';
import { pathInRoot } from '../reach/path-in-root';
import { decodeDataUrl } from './data-url-text';
import { tsxCachedMap } from './tsx-cached-map';
import { dataModuleFilePath, displayUrl, isDataUrl } from '../../core/profile/data-url-module';
import { carriedTraceMap } from '../../core/profile/source-map-v3';
import type { SourceMapV3 } from '../../core/session/records';

export interface LoadedSourceMaps {
  /** Keyed by the frame url exactly as given. */
  maps: SourceMaps;
  /** Scripts with a map that could not be read, parsed or trusted (changed since they ran), with why. */
  problems: { url: string; reason: string }[];
}

const MAPPING_COMMENT = /\/\/[#@]\s*sourceMappingURL=(\S+)\s*$/gm;

export interface LoadOptions {
  /**
   * When the profiled code ran, ms since the epoch (a session's start). A script changed on disk since
   * then is not the code that ran: its map would point at the wrong lines, so it is skipped (a problem).
   */
  ranAt?: number;
  /**
   * Where the target's file system is seen from here (`/proc/PID/root` for a target in another mount
   * namespace); null or absent: the paths are ours.
   */
  root?: string | null;
  /**
   * Maps the session carried (`Session.sourceMaps`: inline maps V8 saw, of code a loader compiled in
   * memory), by script url; used before anything on disk, and never stale: they came with the code.
   */
  carried?: ReadonlyMap<string, SourceMapV3>;
}

/** Loads the maps of every distinct url in `urls`; scripts without a map comment, or gone, are skipped. */
export async function loadSourceMaps(
  urls: Iterable<string>,
  options: LoadOptions = {},
): Promise<LoadedSourceMaps> {
  const maps = new Map<string, TraceMap>();
  const problems: LoadedSourceMaps['problems'] = [];
  const read = readerUnder(options.root ?? null);
  for (const url of new Set(urls)) {
    const carried = carriedFor(url, options.carried);
    const carriedMap = carried && carriedTraceMap(url, carried);
    if (carriedMap) {
      maps.set(url, carriedMap);
      continue;
    }
    if (isDataUrl(url)) {
      // The script text is the url itself: nothing to read, nothing that can change on disk.
      try {
        const map = await mapOfDataModule(url);
        if (map) maps.set(url, map);
      } catch (error) {
        problems.push({
          url: displayUrl(url),
          reason: error instanceof Error ? error.message : String(error),
        });
      }
      continue;
    }
    const path = localPath(url);
    if (!path) continue;
    try {
      const map = await loadMapOf(path, read);
      if (!map) continue; // nothing to say of a script without a map: its frames are its source
      if (options.ranAt !== undefined && (await modifiedAfter(await read.where(path), options.ranAt))) {
        problems.push({ url, reason: 'changed on disk since it ran; its source map is not used' });
        continue;
      }
      maps.set(url, map);
    } catch (error) {
      problems.push({ url, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return { maps, problems };
}

/** The maps for every script the model's frames name. */
export function loadSourceMapsFor(model: ProfileModel): Promise<LoadedSourceMaps> {
  return loadSourceMaps(model.frames.map((frame) => frame.url));
}

/** Reads files by the target's paths; `where` is the path of one as seen from here. */
interface TargetFiles {
  where(path: string): Promise<string>;
  text(path: string): Promise<string>;
}

function readerUnder(root: string | null): TargetFiles {
  const where = (path: string): Promise<string> => pathInRoot(root, path);
  return { where, text: async (path) => readFile(await where(path), 'utf8') };
}

async function loadMapOf(scriptPath: string, read: TargetFiles): Promise<TraceMap | undefined> {
  const script = await readIfPresent(scriptPath, read);
  if (script === undefined) return undefined;
  const reference = [...script.matchAll(MAPPING_COMMENT)].at(-1)?.[1];
  if (!reference) {
    // Builds that write maps without the comment (esbuild's `external`) leave them beside the script.
    const beside = await readIfPresent(`${scriptPath}.map`, read);
    return beside === undefined ? undefined : new TraceMap(beside, pathToFileURL(`${scriptPath}.map`).href);
  }
  if (reference.startsWith('data:'))
    return new TraceMap(decodeDataUrl(reference), pathToFileURL(scriptPath).href);
  const mapPath = reference.startsWith('file://')
    ? fileURLToPath(reference)
    : resolve(dirname(scriptPath), decodeURIComponent(reference));
  return new TraceMap(await read.text(mapPath), pathToFileURL(mapPath).href);
}

/**
 * The inline map of a module whose url is a `data:` URL (tsx: `data:text/javascript,<module>?filePath=…`).
 * Its sources resolve against the file it was compiled from when the url names it.
 */
async function mapOfDataModule(url: string): Promise<TraceMap | undefined> {
  const code = decodeDataUrl(url);
  const reference = [...code.matchAll(MAPPING_COMMENT)].at(-1)?.[1];
  // tsx leaves the map out of the url (V8 alone gets it); its transform cache has it.
  const map = reference?.startsWith('data:') ? decodeDataUrl(reference) : await tsxCachedMap(code);
  if (map === undefined) return undefined;
  const file = dataModuleFilePath(url);
  const base = file === undefined ? undefined : file.startsWith('file:') ? file : pathToFileURL(file).href;
  return new TraceMap(map, base);
}

/** A file's text; undefined when it is gone (a profile opened elsewhere names scripts not here). */
async function readIfPresent(path: string, read: TargetFiles): Promise<string | undefined> {
  try {
    return await read.text(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function modifiedAfter(path: string, time: number): Promise<boolean> {
  const info = await stat(path).catch(() => undefined);
  return info !== undefined && info.mtimeMs > time;
}

/**
 * The map the session carried for `url`: recorded under the inspector's url of the script, a `file://`
 * URL where an allocation profile names a CommonJS module by its path.
 */
function carriedFor(
  url: string,
  carried: ReadonlyMap<string, SourceMapV3> | undefined,
): SourceMapV3 | undefined {
  if (!carried) return undefined;
  return carried.get(url) ?? (isAbsolute(url) ? carried.get(pathToFileURL(url).href) : undefined);
}

function localPath(url: string): string | undefined {
  if (url.startsWith('file://')) return fileURLToPath(url);
  return isAbsolute(url) ? url : undefined;
}
