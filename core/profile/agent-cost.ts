/**
 * Hyperscope's own cost in a profile: the self value of its `(hyperscope agent)` frame, and the profile
 * without it for the tables that rank the service's functions. The agent's time is real (the flame
 * graphs keep its box), but it is not the service's code: a lightly loaded service would otherwise see
 * the profiler as its top function.
 */
import { withoutFrames } from './code-only';
import type { FrameCategory, ProfileModel } from './profile-model';
import { functionTotals, grandTotal } from './totals';

/** The category of the `(hyperscope agent)` frame (`frameCategoryOf`). */
const AGENT: FrameCategory = 'profiler';

/** The agent's self value and everything's (both in the value type's unit), `leftOut` frames excluded. */
export interface AgentValue {
  agent: number;
  /** All self values but those of `leftOut` categories, the agent's included: the share's 100%. */
  total: number;
}

/** The agent's self value of type `valueIndex` in `model`, and the total it is a share of. */
export function agentValue(
  model: ProfileModel,
  valueIndex: number,
  leftOut: ReadonlySet<FrameCategory> = new Set(),
): AgentValue {
  const { self } = functionTotals(model, valueIndex);
  let agent = 0;
  let excluded = 0;
  model.frames.forEach((frame, f) => {
    if (frame.category === AGENT) agent += self[f]!;
    else if (leftOut.has(frame.category)) excluded += self[f]!;
  });
  return { agent, total: Math.max(0, grandTotal(model, valueIndex) - excluded) };
}

/**
 * `model` without the agent's frames nor those of `also`: callees of an agent frame (a service callback
 * the agent wrapped) move up to its caller, and the agent's own value leaves every function's cum.
 */
export function serviceOnly(model: ProfileModel, also: readonly FrameCategory[] = []): ProfileModel {
  return withoutFrames(model, new Set<FrameCategory>([AGENT, ...also]));
}

/** `part` of `whole`, 0–1; 0 when `whole` is 0. */
export function shareOf(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}
