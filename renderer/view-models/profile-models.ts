/**
 * The profile models the CPU and Allocations views draw: the session's windows merged into one model per
 * kind by core (as exports and diffs see them), for one process or thread or for all of a session's.
 * Allocation windows alternate between "everything allocated" (collected objects included) and "still
 * alive": the views switch between the two.
 */
import { profileSetOfSession } from '../../core/import/from-session';
import type { ProfileSet } from '../../core/import/profile-set';
import { serviceOnly } from '../../core/profile/agent-cost';
import { mergeProfileSets } from '../../core/profile/merge-profile-sets';
import type { ProfileModel } from '../../core/profile/profile-model';
import { sessionProfiles, type SessionProfiles } from '../../core/profile/session-profiles';
import { topFunctions, topWithOwnValue, type TopRow } from '../../core/profile/top';
import type { Session } from '../../core/session/session';
import { partsOfSession } from './session-part-list';

export type AllocMode = 'allocated' | 'alive';

/** The session's merged models; compute once per session (`useMemo`). */
export function profilesOf(session: Session): ProfileSet {
  // The CPU and Allocations views both need it: build once per session, from the same windows the
  // Allocations view's rate chart reads (each window's model is built once).
  let set = cache.get(session);
  if (!set) {
    set = profileSetOfSession(session, windowedProfilesOf(session));
    cache.set(session, set);
  }
  return set;
}

const cache = new WeakMap<Session, ProfileSet>();

/** The session's windows as models, built once per session (the rate chart needs each window's). */
export function windowedProfilesOf(session: Session): SessionProfiles {
  let profiles = windowsCache.get(session);
  if (!profiles) {
    profiles = sessionProfiles(session);
    windowsCache.set(session, profiles);
  }
  return profiles;
}

const windowsCache = new WeakMap<Session, SessionProfiles>();

/**
 * The models of every process and thread of a session merged (the "All" choice of a cluster's session),
 * once per session; each part's own models are those `profilesOf` gives the part.
 */
export function combinedProfilesOf(session: Session): ProfileSet {
  let set = combinedCache.get(session);
  if (!set) {
    const parts = partsOfSession(session).flatMap((part) => (part.session ? [part.session] : []));
    set = mergeProfileSets(parts.map(profilesOf), session);
    combinedCache.set(session, set);
  }
  return set;
}

const combinedCache = new WeakMap<Session, ProfileSet>();

export function allocModelOf(set: ProfileSet, mode: AllocMode): ProfileModel | null {
  return mode === 'allocated' ? set.allocated : set.alive;
}

/**
 * The CPU view's top functions by self time, (idle) and `(hyperscope agent)` left out as `report` leaves
 * them out: idle is the process waiting, not CPU it used, and would top the table and shrink every
 * share; the agent's time is Hyperscope's (`hyperscopeCostOf` says it apart). Shares are of the service's
 * own busy time. Rows' frame indices are those of a model without them, not of `cpu`.
 */
export function cpuTopFunctions(cpu: ProfileModel, valueIndex: number, n: number): TopRow[] {
  return topFunctions(serviceOnly(cpu, ['idle']), valueIndex, n);
}

/**
 * The Allocations view's top functions, `(hyperscope agent)` left out as `report` leaves it out, shares
 * of the service's own bytes. A still-alive table ranks what functions kept: callers that kept nothing
 * themselves are left out. Rows' frame indices are those of a model without the agent.
 */
export function allocTopFunctions(
  model: ProfileModel,
  valueIndex: number,
  n: number,
  mode: AllocMode,
): TopRow[] {
  return (mode === 'alive' ? topWithOwnValue : topFunctions)(serviceOnly(model), valueIndex, n);
}

/**
 * What a flame graph adds up, for its toolbar: `3 windows merged`, or with all parts of a session of
 * several chosen, `12 windows of 5 processes merged` (`parts`: `5 processes`, as `countParts` says).
 */
export function windowsNote(sessions: readonly Session[], kind: 'cpu' | 'alloc', parts?: string): string {
  const windows = sessions.reduce(
    (n, session) => n + (kind === 'cpu' ? session.cpuProfiles : session.allocProfiles).length,
    0,
  );
  return `${windows} window${windows === 1 ? '' : 's'}${parts ? ` of ${parts}` : ''} merged`;
}
