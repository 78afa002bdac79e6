/**
 * The line the CPU and Allocations views show above their tables: what Hyperscope's agent cost the
 * process(es) shown, as `report` says it. The tables leave `(hyperscope agent)` out; the flame graphs
 * keep its box (it is where the time went).
 */
import { hyperscopeCostLine } from '../../core/report/format-hyperscope-cost';
import { allocCostOfParts, cpuCostOfParts } from '../../core/report/hyperscope-cost';
import type { Session } from '../../core/session/session';
import { windowedProfilesOf } from './profile-models';

/**
 * `Hyperscope's own cost: …` of the one-process `sessions` shown (a part, or every part: rates added
 * up, shares of all parts' time and bytes together); null when none has a profile.
 */
export function hyperscopeCostOf(sessions: readonly Session[]): string | null {
  const profiles = sessions.map(windowedProfilesOf);
  const cpus = profiles.flatMap((p) => p.cpu ?? []);
  const allocated = profiles.flatMap((p) => p.allocated ?? []);
  return hyperscopeCostLine(
    cpus.length > 0 ? cpuCostOfParts(cpus) : undefined,
    allocated.length > 0 ? allocCostOfParts(allocated) : null,
  );
}
