/**
 * What Hyperscope can view, export and diff, whatever the input was: a recorded session or a profile
 * file from another tool. Each kind of profile is one merged model, or null when the input has none.
 */
import type { Protocol } from 'devtools-protocol';
import type { ProfileModel } from '../profile/profile-model';
import type { Session } from '../session/session';

/** The input formats the importers recognise (by content). */
export type InputFormat = 'session' | 'cpuprofile' | 'heapprofile' | 'pprof' | 'speedscope' | 'folded';

export interface ProfileSet {
  format: InputFormat;
  /** CPU time: value types `samples` (count) and `time` (µs), or whatever subset the input had. */
  cpu: ProfileModel | null;
  /** Allocations including objects GC has collected since (everything allocated): `space` bytes, `samples`. */
  allocated: ProfileModel | null;
  /** Allocations of objects still alive when sampling stopped: `space` bytes, `samples`. */
  alive: ProfileModel | null;
  /** Pending promise chains grouped by creation stack: value type `chains` (count). */
  chains: ProfileModel | null;
  /**
   * The CPU profile as read, when the input was a `.cpuprofile`: its imported session keeps it as the CPU
   * window rather than a copy written back from `cpu` (`cpu` is its model).
   */
  cpuProfile?: Protocol.Profiler.Profile;
  /** The session itself, when the input was one (findings and series come from it). */
  session: Session | null;
  /** What the importer skipped or could not read, one sentence each; absent when nothing. */
  warnings?: string[];
}

/**
 * The profile kinds a user names on the command line (`--profile`) or asks the app to export: `alloc`
 * is everything allocated (still alive when the input has only that), `alive` only what was still alive.
 */
export const PROFILE_KINDS = ['cpu', 'alloc', 'alive', 'chains'] as const;
export type ProfileKind = (typeof PROFILE_KINDS)[number];

/** An empty set of `format`, to fill in. */
export function emptyProfileSet(format: InputFormat): ProfileSet {
  return { format, cpu: null, allocated: null, alive: null, chains: null, session: null };
}

/** The kinds present in `set`, in the order `cpu`, `alloc`, `alive`, `chains`. */
export function kindsIn(set: ProfileSet): ProfileKind[] {
  const kinds: ProfileKind[] = [];
  if (set.cpu) kinds.push('cpu');
  if (set.allocated || set.alive) kinds.push('alloc');
  if (set.alive) kinds.push('alive');
  if (set.chains) kinds.push('chains');
  return kinds;
}
