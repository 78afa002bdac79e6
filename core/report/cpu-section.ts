/**
 * The report's CPU table: a session's CPU windows merged, functions by self time like `pprof -top`, the
 * service's own: (idle) and Hyperscope's agent are left out of the rows and of their 100%, the agent's
 * time said apart (`hyperscope`).
 */
import { agentValue, serviceOnly } from '../profile/agent-cost';
import { valueIndexOf } from '../profile/profile-model';
import type { SessionProfiles } from '../profile/session-profiles';
import { topFunctions } from '../profile/top';
import { cpuCostOfParts } from './hyperscope-cost';
import type { CpuReport } from './report';
import { topLineOf } from './top-line';

/** The `rows` functions with the most self time, (idle) and the agent left out; null without CPU windows. */
export function cpuSection(profiles: SessionProfiles, rows: number): CpuReport | null {
  const cpu = profiles.cpu;
  if (!cpu) return null;
  const model = cpu.merged;
  const time = Math.max(0, valueIndexOf(model, 'time'));
  const busyUs = agentValue(model, time, IDLE).total;
  return {
    windows: cpu.windows.length,
    profiledMs: cpu.coveredMs,
    samplingIntervalUs: cpu.samplingInterval,
    busyUs,
    // Idle time is the process waiting, not CPU it used; the agent's is Hyperscope's, not the service's.
    top: topFunctions(serviceOnly(model, ['idle']), time, rows).map(topLineOf),
    hyperscope: cpuCostOfParts([cpu]),
  };
}

const IDLE = new Set(['idle'] as const);
