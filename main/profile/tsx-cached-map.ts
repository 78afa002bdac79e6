/**
 * The source map of a module tsx compiled, from tsx's transform cache. tsx runs CommonJS TypeScript it
 * reaches through its ESM hooks (`tsImport`, a namespaced `register`) as `data:text/javascript,<code>`:
 * the url carries the compiled code but not its map, which V8 alone was given. tsx also caches every
 * transform as `<tmpdir>/tsx-<uid>/<key>`, a JSON `{code, map}`; an entry whose code is exactly the
 * module's text holds that module's map. Without one (cache disabled, cleaned, another tmpdir) the
 * module stays unmapped and is named by `displayUrl`.
 */
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Cache entries read at most, over all tsx cache dirs: the scan stays bounded on a long-lived machine. */
const MAX_ENTRIES = 20_000;
const CACHE_DIR = /^tsx-\d+$/;

interface CachedTransform {
  code?: unknown;
  map?: unknown;
}

/**
 * The map (JSON text) tsx cached with `code`, looked for in the tsx cache dirs of `tmpDirs` (default:
 * `/tmp` and this process's tmpdir); undefined when none has it.
 */
export async function tsxCachedMap(
  code: string,
  tmpDirs: readonly string[] = [...new Set(['/tmp', tmpdir()])],
): Promise<string | undefined> {
  let read = 0;
  for (const dir of await cacheDirs(tmpDirs)) {
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      if (++read > MAX_ENTRIES) return undefined;
      const text = await readFile(join(dir, name), 'utf8').catch(() => '');
      // The JSON holds the code escaped, so it is at least as long: most entries are passed unparsed.
      if (text.length < code.length) continue;
      const entry = parsed(text);
      if (entry?.code === code && entry.map !== undefined && entry.map !== null)
        return typeof entry.map === 'string' ? entry.map : JSON.stringify(entry.map);
    }
  }
  return undefined;
}

async function cacheDirs(tmpDirs: readonly string[]): Promise<string[]> {
  const dirs: string[] = [];
  for (const tmp of tmpDirs) {
    const names = await readdir(tmp).catch(() => [] as string[]);
    dirs.push(...names.filter((name) => CACHE_DIR.test(name)).map((name) => join(tmp, name)));
  }
  return dirs;
}

function parsed(text: string): CachedTransform | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as CachedTransform) : undefined;
  } catch {
    return undefined;
  }
}
