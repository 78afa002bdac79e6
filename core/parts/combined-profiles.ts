/**
 * The profile windows of several processes or threads as one `SessionProfiles`: what the report's
 * combined CPU and allocation tables read. As in `mergeProfileSets`, the same function in two workers
 * is one row whatever script ids each process gave it, and time adds up: four workers profiled for
 * 10 s are 40 s profiled.
 */
import { mergeModels } from '../profile/merge-models';
import { acrossProcesses } from '../profile/merge-profile-sets';
import type { SessionProfiles, WindowedProfile } from '../profile/session-profiles';

/** One `SessionProfiles` of `parts` (each one process's or thread's); a kind no part has stays null. */
export function combineSessionProfiles(parts: readonly SessionProfiles[]): SessionProfiles {
  return {
    cpu: combineWindowed(parts.map((p) => p.cpu)),
    allocated: combineWindowed(parts.map((p) => p.allocated)),
    alive: combineWindowed(parts.map((p) => p.alive)),
  };
}

function combineWindowed(profiles: readonly (WindowedProfile | null)[]): WindowedProfile | null {
  const present = profiles.filter((p): p is WindowedProfile => p !== null);
  if (present.length <= 1) return present[0] ?? null;
  return {
    // Windows of different parts overlap in time: each is kept as it was, in start order.
    windows: present.flatMap((p) => p.windows).sort((a, b) => a.startTime - b.startTime),
    merged: mergeModels(present.map((p) => acrossProcesses(p.merged))),
    coveredMs: present.reduce((sum, p) => sum + p.coveredMs, 0),
    samplingInterval: present[0]!.samplingInterval,
  };
}
