/**
 * Hyperscope's own cost over the processes or threads a report or view shows: each part's rate added up
 * (four workers each paying 5 ms/s cost 20 ms/s), its share of all parts' busy time and bytes together.
 */
import { agentValue, shareOf, type AgentValue } from '../profile/agent-cost';
import type { FrameCategory } from '../profile/profile-model';
import { valueIndexOf } from '../profile/profile-model';
import type { WindowedProfile } from '../profile/session-profiles';
import type { HyperscopeAllocCost, HyperscopeCpuCost } from './report';

/** The agent's CPU in every part's CPU windows (`cpus`: one per part); its share of their busy time. */
export function cpuCostOfParts(cpus: readonly WindowedProfile[]): HyperscopeCpuCost {
  const { agent, total, perSecond } = sumOf(cpus.map((cpu) => costOf(cpu, 'time', IDLE)));
  return { cpuUs: agent, cpuMsPerS: perSecond / 1000, share: shareOf(agent, total) };
}

/** The agent's bytes in every part's allocated windows (one profile per part); its share of all bytes. */
export function allocCostOfParts(allocated: readonly WindowedProfile[]): HyperscopeAllocCost {
  const { agent, total, perSecond } = sumOf(allocated.map((profile) => costOf(profile, 'space')));
  return { bytes: agent, bytesPerS: perSecond, share: shareOf(agent, total) };
}

const IDLE: ReadonlySet<FrameCategory> = new Set(['idle']);

/** The agent's value and the total it is a share of; `perSecond`: the agent's per second covered. */
type Cost = AgentValue & { perSecond: number };

function costOf(profile: WindowedProfile, value: string, leftOut?: ReadonlySet<FrameCategory>): Cost {
  const { agent, total } = agentValue(
    profile.merged,
    Math.max(0, valueIndexOf(profile.merged, value)),
    leftOut,
  );
  return { agent, total, perSecond: profile.coveredMs > 0 ? agent / (profile.coveredMs / 1000) : 0 };
}

function sumOf(costs: readonly Cost[]): Cost {
  return costs.reduce(
    (a, b) => ({ agent: a.agent + b.agent, total: a.total + b.total, perSecond: a.perSecond + b.perSecond }),
    {
      agent: 0,
      total: 0,
      perSecond: 0,
    },
  );
}
