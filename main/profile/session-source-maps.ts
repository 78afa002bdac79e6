/**
 * Sessions and live snapshots in original sources for the UI: loads the source maps their frames need
 * (`load-source-maps.ts`, skipping scripts changed on disk since the session began) and remaps with
 * `core/session/remap-session.ts`. A cache loads each url's map once: a live recording keeps one for its life.
 */
import type { TraceMap } from '@jridgewell/trace-mapping';
import type { AgentSnapshot } from '../../core/agent-protocol';
import type { SourceMaps } from '../../core/profile/source-map';
import {
  remapSession,
  remapSnapshot,
  sessionFrameUrls,
  snapshotFrameUrls,
} from '../../core/session/remap-session';
import type { SourceMapV3 } from '../../core/session/records';
import type { Session } from '../../core/session/session';
import { loadSourceMaps } from './load-source-maps';

export interface SourceMapCache {
  /** The maps of `urls` (loading those not asked for before); urls without a usable map are left out. */
  mapsFor(urls: Iterable<string>): Promise<SourceMaps>;
  /** Scripts whose announced map could not be used, with why, as `url: reason` lines. */
  problems(): string[];
}

/**
 * A cache for code that ran from `ranAt` (ms since the epoch) on, its files read under `root` when it
 * runs in another mount namespace (`/proc/PID/root`; see `load-source-maps.ts`), with the maps a
 * session `carried` used first.
 */
export function createSourceMapCache(
  ranAt: number,
  root: string | null = null,
  carried?: ReadonlyMap<string, SourceMapV3>,
): SourceMapCache {
  const loaded = new Map<string, Promise<TraceMap | undefined>>();
  const problems: string[] = [];
  const load = (url: string): Promise<TraceMap | undefined> => {
    let map = loaded.get(url);
    if (!map) {
      map = loadSourceMaps([url], { ranAt, root, carried }).then((result) => {
        problems.push(...result.problems.map((p) => `${p.url}: ${p.reason}`));
        return result.maps.get(url);
      });
      loaded.set(url, map);
    }
    return map;
  };
  return {
    async mapsFor(urls) {
      const maps = new Map<string, TraceMap>();
      for (const url of new Set(urls)) {
        const map = await load(url);
        if (map) maps.set(url, map);
      }
      return maps;
    },
    problems: () => [...problems],
  };
}

/**
 * `session` in original sources; scripts whose map could not be used are named in its warnings.
 * `cache` defaults to a fresh one for the session (`sessionSourceMapCache`).
 */
export async function remapSessionSources(
  session: Session,
  cache: SourceMapCache = sessionSourceMapCache(session),
): Promise<Session> {
  const remapped = remapSession(session, await cache.mapsFor(sessionFrameUrls(session)));
  const problems = cache.problems().map((problem) => `source map not used: ${problem}`);
  return problems.length === 0 ? remapped : { ...remapped, warnings: [...remapped.warnings, ...problems] };
}

/** A cache for `session`'s code: from its start (`header.createdAt`), with the maps it carries. */
export function sessionSourceMapCache(session: Session): SourceMapCache {
  return createSourceMapCache(session.header.createdAt, null, session.sourceMaps);
}

/** Remaps live snapshots one by one, with maps loaded once per url for the life of `cache`. */
export function createSnapshotRemapper(
  cache: SourceMapCache,
): (snapshot: AgentSnapshot) => Promise<AgentSnapshot> {
  return async (snapshot) => remapSnapshot(snapshot, await cache.mapsFor(snapshotFrameUrls(snapshot)));
}
