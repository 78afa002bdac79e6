/** The profiles of a recorded session: its windows of each kind merged into one model per kind. */
import { chainGroupsModel, peakChainGroups } from '../export/chain-groups-model';
import { sessionProfiles } from '../profile/session-profiles';
import type { Session } from '../session/session';
import { emptyProfileSet, type ProfileSet } from './profile-set';

/**
 * CPU windows merged; allocation windows merged separately by what they include (`includesCollected`
 * true: allocated; false or absent: still alive), as `sessionProfiles` splits them; chains from the
 * snapshot with the most pending.
 */
export function profileSetOfSession(session: Session): ProfileSet {
  const profiles = sessionProfiles(session);
  const groups = peakChainGroups(session);
  return {
    ...emptyProfileSet('session'),
    cpu: profiles.cpu?.merged ?? null,
    allocated: profiles.allocated?.merged ?? null,
    alive: profiles.alive?.merged ?? null,
    chains: groups ? chainGroupsModel(groups) : null,
    session,
  };
}
