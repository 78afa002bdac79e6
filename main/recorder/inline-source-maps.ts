/**
 * The inline source maps of the scripts a recording's profiles name, as V8 holds them. Code a loader
 * compiled in memory (tsx, ts-node) carries its map only in the text V8 ran
 * (`//# sourceMappingURL=data:application/json;base64,…`); the `.ts` file the url names has none, so
 * the profiles' positions could not be mapped after the fact. V8 tells each script's `sourceMapURL`
 * in `Debugger.scriptParsed`, which `Debugger.enable` replays for every loaded script: the debugger is
 * enabled once, when the recording ends, with pauses skipped, and disabled again.
 * Cost to the target, measured (docs/performance.md): its main thread busy ~10 ms plus ~16 ms per 1,000
 * scripts loaded, once, while the replay is built.
 */
import { fileURLToPath } from 'node:url';
import { mapSize, positionsOnly } from '../../core/profile/source-map-v3';
import type { SessionRecord, SourceMapRecord } from '../../core/session/records';
import type { InspectorSession } from '../inspector/inspector-session';
import { decodeDataUrl } from '../profile/data-url-text';

/** Characters of map JSON kept in one session, over all maps: a bundle-sized map or many stay bounded. */
export const MAX_MAP_CHARS_TOTAL = 16 * 1024 * 1024;
/** Characters of one map kept at most (a longer one is left out). */
export const MAX_MAP_CHARS = 4 * 1024 * 1024;

export interface InlineSourceMaps {
  records: SourceMapRecord[];
  /** Maps V8 had for profiled scripts but left out: over the bounds, or not a readable v3 map. */
  leftOut: number;
}

/** Whether a profile's script url is the service's code (not Node's internals or V8's pseudo-frames). */
function isUserScript(url: string): boolean {
  return url !== '' && !url.startsWith('node:');
}

/** Adds to `into` the script urls named by the profile records among `records`. */
export function addProfiledUrls(records: readonly SessionRecord[], into: Set<string>): void {
  for (const record of records) {
    if (record.type !== 'profile-cpu-nodes' && record.type !== 'profile-alloc-nodes') continue;
    for (const node of record.nodes) if (isUserScript(node.callFrame.url)) into.add(node.callFrame.url);
  }
}

/**
 * The inline maps of the scripts in `urls` that have one, read through `session` (which must answer:
 * the caller bounds the wait). Nothing is asked when `urls` is empty.
 */
export async function inlineSourceMaps(
  session: InspectorSession,
  urls: ReadonlySet<string>,
): Promise<InlineSourceMaps> {
  if (urls.size === 0) return { records: [], leftOut: 0 };
  const inline = new Map<string, string>();
  const stop = session.on('Debugger.scriptParsed', (script) => {
    if (script.sourceMapURL?.startsWith('data:') && named(urls, script.url))
      inline.set(script.url, script.sourceMapURL);
  });
  try {
    // Sent together, so the target handles them in one turn: with pauses skipped, a `debugger;`
    // statement it runs while the debugger is on does not stop it. The replay arrives before the answer.
    await Promise.all([
      session.send('Debugger.enable'),
      session.send('Debugger.setSkipAllPauses', { skip: true }),
    ]);
  } finally {
    stop();
    await session.send('Debugger.disable').catch(() => undefined);
  }
  return boundedRecords(inline);
}

/**
 * Whether `urls` names the script at `url`: the inspector says a CommonJS module's file as a `file://`
 * URL, where allocation profiles name it by its path.
 */
function named(urls: ReadonlySet<string>, url: string): boolean {
  return urls.has(url) || (url.startsWith('file://') && urls.has(fileURLToPath(url)));
}

function boundedRecords(inline: ReadonlyMap<string, string>): InlineSourceMaps {
  const records: SourceMapRecord[] = [];
  let leftOut = 0;
  let total = 0;
  for (const [url, sourceMapURL] of inline) {
    const map = decoded(sourceMapURL);
    const size = map === undefined ? 0 : mapSize(map);
    if (map === undefined || size > MAX_MAP_CHARS || total + size > MAX_MAP_CHARS_TOTAL) {
      leftOut++;
      continue;
    }
    total += size;
    records.push({ type: 'source-map', url, map });
  }
  return { records, leftOut };
}

function decoded(sourceMapURL: string): SourceMapRecord['map'] | undefined {
  try {
    return positionsOnly(JSON.parse(decodeDataUrl(sourceMapURL)));
  } catch {
    return undefined;
  }
}
