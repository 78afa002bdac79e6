/**
 * Hyperscope's own code in the target's profiles. The agent runs inside the profiled process, so V8's
 * profilers sample it like the service's code; its frames are shown as one frame, `(hyperscope agent)`,
 * so that its cost stays visible and honest without scattering the agent's internal function names
 * (which mean nothing to the user) over the top tables, flame graphs and findings.
 */
import type { Protocol } from 'devtools-protocol';
import { AGENT_SOURCE_URL } from '../agent-protocol';

/** The one frame every agent frame becomes. */
export const AGENT_FRAME_NAME = '(hyperscope agent)';

/**
 * True for the agent's script as the target names it (evaluated, or loaded from the built file), and
 * for in-process mode's entry (`out/register/register.cjs`), whose signal handler runs in the service's
 * main thread: Hyperscope's own cost too. (Its recorder runs in a worker thread, outside these profiles.)
 */
export function isAgentUrl(url: string): boolean {
  return url === AGENT_SOURCE_URL || url.endsWith('/out/agent/agent.js') || url.endsWith(REGISTER_FILE);
}

/** The built file `node --require hyperscope/register` loads (`scripts/build-node.mjs`). */
const REGISTER_FILE = '/out/register/register.cjs';

/**
 * Script ids of the agent in a profile. V8 names the agent's script by its `sourceURL` in some frames
 * and by nothing (`''`) in others of the same script: the script id tells them all.
 */
export function agentScriptIds(callFrames: Iterable<Protocol.Runtime.CallFrame>): Set<string> {
  const ids = new Set<string>();
  for (const frame of callFrames) {
    if (frame.scriptId && frame.scriptId !== '0' && isAgentUrl(frame.url)) ids.add(frame.scriptId);
  }
  return ids;
}

/**
 * {@link agentScriptIds} of one CPU profile, once per profile: opening one asks for them several times
 * (its model, the session's other windows, packing it for the UI), each a pass over every node.
 */
export function cpuProfileAgentScripts(profile: Protocol.Profiler.Profile): ReadonlySet<string> {
  let ids = byProfile.get(profile);
  if (!ids) {
    ids = agentScriptIds(profile.nodes.map((node) => node.callFrame));
    byProfile.set(profile, ids);
  }
  return ids;
}

const byProfile = new WeakMap<Protocol.Profiler.Profile, ReadonlySet<string>>();
