/** The profiles of a recorded session: its windows of each kind merged into one model per kind. */
import { chainGroupsModel, peakChainGroups } from '../export/chain-groups-model';
import { freezeModel } from '../profile/assemble-model';
import type { ProfileModel } from '../profile/profile-model';
import { mergeProfileSets } from '../profile/merge-profile-sets';
import { sessionProfiles, type SessionProfiles, type WindowedProfile } from '../profile/session-profiles';
import type { Session } from '../session/session';
import { sessionParts } from '../session/session-parts';
import { emptyProfileSet, type ProfileSet } from './profile-set';

/**
 * CPU windows merged; allocation windows merged separately by what they include (`includesCollected`
 * true: allocated; false or absent: still alive), as `sessionProfiles` splits them; chains from the
 * snapshot with the most pending. `profiles`: the session's windows when the caller has them already
 * (building every window's model again would double the work on a large session).
 * A session of several processes or threads gives all of them merged (`mergeProfileSets`); `profiles`
 * are then the header's target's, and `set.session` the whole session. For one part alone, pass that
 * part's session (`core/session/session-parts.ts`).
 */
export function profileSetOfSession(
  session: Session,
  profiles: SessionProfiles = sessionProfiles(session),
): ProfileSet {
  if (session.sources.length === 0) return oneProcessSet(session, profiles);
  const [main, ...others] = sessionParts(session);
  return mergeProfileSets(
    [oneProcessSet(main!.session, profiles), ...others.map((part) => oneProcessSet(part.session))],
    session,
  );
}

function oneProcessSet(session: Session, profiles: SessionProfiles = sessionProfiles(session)): ProfileSet {
  const groups = peakChainGroups(session);
  return {
    ...emptyProfileSet('session'),
    cpu: profiles.cpu?.merged ?? null,
    allocated: coveringItsWindows(profiles.allocated),
    alive: coveringItsWindows(profiles.alive),
    chains: groups ? chainGroupsModel(groups) : null,
    session,
  };
}

/**
 * An allocation merge with `durationUs` set to the time its windows cover: allocation windows carry no
 * span of their own, and a diff that scaled by the whole session's length would compare a session that
 * sampled allocations for 5 s of 8 with one that sampled them for 5 s of 10 as if one ran 25% longer.
 */
function coveringItsWindows(profile: WindowedProfile | null): ProfileModel | null {
  if (!profile) return null;
  if (profile.merged.durationUs !== undefined || profile.coveredMs <= 0) return profile.merged;
  return freezeModel({ ...profile.merged, durationUs: profile.coveredMs * 1000 });
}
