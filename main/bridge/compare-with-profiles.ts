/**
 * The Sessions view's comparison: core's figures and findings side by side, plus what grew and shrank
 * per function in every profile both sessions have (core's diff, cut to the biggest changes), and the
 * CPU profiles' differential flame graph.
 */
import type { ProfileChange, SessionComparison } from '../../core/bridge/session-comparison';
import { compareSessions } from '../../core/bridge/compare-sessions';
import type { NamedSession } from '../../core/bridge/compare-sessions';
import { diffInputs } from '../../core/diff/diff-report';
import { flameDiffOf } from '../../core/diff/flame-diff-export';
import { profileSetOfSession } from '../../core/import/from-session';

/** Functions kept per profile: the view shows the top of the list, like `pprof -top -diff_base`. */
const FUNCTIONS_PER_PROFILE = 15;

export function compareWithProfiles(base: NamedSession, current: NamedSession): SessionComparison {
  const baseSet = profileSetOfSession(base.session);
  const currentSet = profileSetOfSession(current.session);
  const diff = diffInputs({ name: base.name, set: baseSet }, { name: current.name, set: currentSet });
  const profiles: ProfileChange[] = diff.profiles.map((p) => ({
    profile: p.profile,
    unit: p.unit,
    functions: p.functions.slice(0, FUNCTIONS_PER_PROFILE).map((f) => ({
      frame: f.frame,
      baseFlat: f.baseFlat,
      currentFlat: f.currentFlat,
      flatDelta: f.flatDelta,
      cumDelta: f.cumDelta,
    })),
  }));
  const cpuFlame = flameDiffOf(baseSet, currentSet, 'cpu') ?? null;
  return { ...compareSessions(base, current), profiles, cpuFlame };
}
