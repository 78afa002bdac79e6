/**
 * The profile models the CPU and Allocations views draw: the session's windows merged into one model per
 * kind by core (as exports and diffs see them). Allocation windows alternate between "everything
 * allocated" (collected objects included) and "still alive": the views switch between the two.
 */
import { profileSetOfSession } from '../../core/import/from-session';
import type { ProfileSet } from '../../core/import/profile-set';
import { withoutFrames } from '../../core/profile/code-only';
import type { FrameCategory, ProfileModel } from '../../core/profile/profile-model';
import { sessionProfiles, type SessionProfiles } from '../../core/profile/session-profiles';
import { topFunctions, type TopRow } from '../../core/profile/top';
import type { Session } from '../../core/session/session';

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

export function allocModelOf(set: ProfileSet, mode: AllocMode): ProfileModel | null {
  return mode === 'allocated' ? set.allocated : set.alive;
}

const IDLE: ReadonlySet<FrameCategory> = new Set(['idle']);

/**
 * The CPU view's top functions by self time, (idle) left out as `report` leaves it out: idle is the
 * process waiting, not CPU it used, and would top the table and shrink every share. Rows' frame
 * indices are those of a model without (idle), not of `cpu`.
 */
export function cpuTopFunctions(cpu: ProfileModel, valueIndex: number, n: number): TopRow[] {
  return topFunctions(withoutFrames(cpu, IDLE), valueIndex, n);
}
