/**
 * One blockage is often seen as several groups: a fetch's own chain and undici's inner one behind the
 * same requests, a handler waiting in `Promise.all` on the helper that waits on the pool, chains whose
 * sampled links differ. Groups waiting on the same thing are one blockage when they are named by the
 * same function of the service, or when one's site is a caller of the other's: the innermost speaks.
 */
import { chainSiteStack } from './group-chains';
import type { ChainGroup } from './promise-section';

interface Described<T> {
  entry: T;
  /** `function|url` of the frame the group is named by; undefined when no stack was sampled. */
  site: string | undefined;
  /** `function|url` of the frames outside it. */
  callers: Set<string>;
  wait: string;
}

/** `entries` without those that repeat an earlier entry's blockage or an inner one's; order kept (biggest first). */
export function distinctBlockages<T extends { worst: ChainGroup }>(entries: T[]): T[] {
  const described: Described<T>[] = entries.map((entry) => {
    const keys = chainSiteStack(entry.worst).map((frame) => `${frame.functionName}|${frame.url}`);
    const wait = entry.worst.waits[0]?.reason;
    return {
      entry,
      site: keys[0],
      callers: new Set(keys.slice(1)),
      wait: `${wait?.kind}|${wait?.detail ?? ''}`,
    };
  });
  const repeats = (d: Described<T>, i: number): boolean =>
    d.site !== undefined &&
    described.some(
      (other, j) =>
        j !== i &&
        other.wait === d.wait &&
        ((other.site === d.site && j < i) ||
          // `other` waits inside what `d` calls (unless each calls the other: recursion names neither).
          (other.site !== d.site && other.callers.has(d.site!) && !d.callers.has(other.site ?? ''))),
    );
  return described.filter((d, i) => !repeats(d, i)).map((d) => d.entry);
}
