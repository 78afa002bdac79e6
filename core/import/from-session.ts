/** The profiles of a recorded session: its windows of each kind merged into one model per kind. */
import { chainGroupsModel, peakChainGroups } from '../export/chain-groups-model';
import { buildAllocModel } from '../profile/build-alloc-model';
import { buildCpuModel } from '../profile/build-cpu-model';
import { mergeModels } from '../profile/merge-models';
import type { ProfileModel } from '../profile/profile-model';
import type { Session } from '../session/session';
import { emptyProfileSet, type ProfileSet } from './profile-set';

/**
 * CPU windows merged; allocation windows merged separately by what they include (`includesCollected`
 * true: allocated; false or absent: still alive); chains from the snapshot with the most pending.
 */
export function profileSetOfSession(session: Session): ProfileSet {
  const merged = (models: ProfileModel[]): ProfileModel | null =>
    models.length > 0 ? mergeModels(models) : null;
  const groups = peakChainGroups(session);
  return {
    ...emptyProfileSet('session'),
    cpu: merged(session.cpuProfiles.map((window) => buildCpuModel(window.profile))),
    allocated: merged(
      session.allocProfiles.filter((w) => w.meta.includesCollected === true).map(buildAllocModel),
    ),
    alive: merged(
      session.allocProfiles.filter((w) => w.meta.includesCollected !== true).map(buildAllocModel),
    ),
    chains: groups ? chainGroupsModel(groups) : null,
    session,
  };
}
