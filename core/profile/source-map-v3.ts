/**
 * Source maps as a session carries them (`source-map` records, `core/session/records.ts`): the fields
 * positions need, checked, and turned into the decoded maps `source-map.ts` remaps with. Pure.
 */
import { TraceMap } from '@jridgewell/trace-mapping';
import type { SourceMapV3 } from '../session/records';
import { dataModuleFilePath, isDataUrl } from './data-url-module';

/**
 * `value` (a parsed source map) cut to what positions need (no `sourcesContent`, no `x_` extensions);
 * undefined when it is not a v3 map with `mappings` (an indexed map of `sections` is not kept).
 */
export function positionsOnly(value: unknown): SourceMapV3 | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const map = value as Record<string, unknown>;
  const { version, sources, names, mappings, sourceRoot, file } = map;
  if (version !== 3 || typeof mappings !== 'string' || !Array.isArray(sources)) return undefined;
  if (!sources.every((source) => source === null || typeof source === 'string')) return undefined;
  const nameList = Array.isArray(names) ? names : [];
  if (!nameList.every((name) => typeof name === 'string')) return undefined;
  return {
    version: 3,
    sources: sources as SourceMapV3['sources'],
    names: nameList as string[],
    mappings,
    ...(typeof sourceRoot === 'string' ? { sourceRoot } : {}),
    ...(typeof file === 'string' ? { file } : {}),
  };
}

/** Characters a map takes in a session line (its JSON), for the recorder's bounds. */
export function mapSize(map: SourceMapV3): number {
  return JSON.stringify(map).length;
}

/**
 * The decoded map a session carried for the script at `url`, its sources resolved against the script's
 * url as the spec has it for an inline map (a tsx `data:` module's: the file it names); undefined when
 * the map is refused (the frames of that script then stay as they ran).
 */
export function carriedTraceMap(url: string, map: SourceMapV3): TraceMap | undefined {
  try {
    return new TraceMap(map, scriptBase(url));
  } catch {
    return undefined;
  }
}

/** The url a script's relative map sources resolve against; a `data:` module's is its `?filePath=`. */
function scriptBase(url: string): string | undefined {
  if (!isDataUrl(url)) return url;
  const file = dataModuleFilePath(url);
  if (file === undefined || file.startsWith('file:')) return file;
  return `file://${file.split('/').map(encodeURIComponent).join('/')}`;
}
