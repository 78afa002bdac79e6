/**
 * The Sessions view's comparison: core's figures and findings side by side, plus what grew and shrank
 * per function in every profile both sessions have (core's diff, cut to the biggest changes).
 */
import type { ProfileChange, SessionComparison } from '../../core/bridge/session-comparison';
import { compareSessions } from '../../core/bridge/compare-sessions';
import type { NamedSession } from '../../core/bridge/compare-sessions';
import { diffInputs } from '../../core/diff/diff-report';
import { profileSetOfSession } from '../../core/import/from-session';

/** Functions kept per profile: the view shows the top of the list, like `pprof -top -diff_base`. */
const FUNCTIONS_PER_PROFILE = 15;

export function compareWithProfiles(base: NamedSession, current: NamedSession): SessionComparison {
  const diff = diffInputs(
    { name: base.name, set: profileSetOfSession(base.session) },
    { name: current.name, set: profileSetOfSession(current.session) },
  );
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
  return { ...compareSessions(base, current), profiles };
}
