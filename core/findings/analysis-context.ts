/**
 * What the analyses need from a session's profiles, computed once: every window as a model, and the
 * hottest code of the CPU window that was busiest (the window where the event loop was most likely blocked).
 */
import { heaviestStack } from '../profile/heaviest-stack';
import { isSystemFrame, valueIndexOf, type ProfileModel } from '../profile/profile-model';
import { sessionProfiles } from '../profile/session-profiles';
import { grandTotal } from '../profile/totals';
import type { Session } from '../session/session';
import type { AnalysisContext } from './analysis';

export function analysisContext(session: Session): AnalysisContext {
  const profiles = sessionProfiles(session);
  let busiest: { busyUs: number; model: ProfileModel } | null = null;
  for (const { model } of profiles.cpu?.windows ?? []) {
    const busyUs = busyTimeUs(model);
    if (!busiest || busyUs > busiest.busyUs) busiest = { busyUs, model };
  }
  return busiest ? { hotStack: heaviestStack(busiest.model), profiles } : { profiles };
}

/** CPU time spent in code, µs: all samples but (idle), (program), (root) and (garbage collector). */
function busyTimeUs(model: ProfileModel): number {
  const time = valueIndexOf(model, 'time');
  let idleUs = 0;
  for (let node = 0; node < model.nodes.count; node++) {
    if (isSystemFrame(model.frames[model.nodes.frame[node]!]!)) idleUs += model.nodes.self[time]![node]!;
  }
  return grandTotal(model, time) - idleUs;
}
