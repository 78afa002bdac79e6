/**
 * The report's CPU table: a session's CPU windows merged, functions by self time like `pprof -top`, the
 * service's own: (idle) and Hyperscope's agent are left out of the rows and of their 100%, the agent's
 * time said apart (`hyperscope`).
 */
import { agentValue, serviceOnly, shareOf } from '../profile/agent-cost';
import { plainFrame } from '../profile/allocated-retained';
import { valueIndexOf } from '../profile/profile-model';
import type { SessionProfiles, WindowedProfile } from '../profile/session-profiles';
import { topFunctions } from '../profile/top';
import type { CpuReport, HyperscopeCpuCost } from './report';

/** The `rows` functions with the most self time, (idle) and the agent left out; null without CPU windows. */
export function cpuSection(profiles: SessionProfiles, rows: number): CpuReport | null {
  const cpu = profiles.cpu;
  if (!cpu) return null;
  const model = cpu.merged;
  const time = Math.max(0, valueIndexOf(model, 'time'));
  const { agent, total: busyUs } = agentValue(model, time, IDLE);
  return {
    windows: cpu.windows.length,
    profiledMs: cpu.coveredMs,
    samplingIntervalUs: cpu.samplingInterval,
    busyUs,
    // Idle time is the process waiting, not CPU it used; the agent's is Hyperscope's, not the service's.
    top: topFunctions(serviceOnly(model, ['idle']), time, rows).map((row) => ({
      frame: plainFrame(row.frame),
      flat: row.flat,
      flatPercent: row.flatPercent,
      sumPercent: row.sumPercent,
      cum: row.cum,
      cumPercent: row.cumPercent,
    })),
    hyperscope: { cpuUs: agent, cpuMsPerS: cpuMsPerS(cpu), share: shareOf(agent, busyUs) },
  };
}

const IDLE = new Set(['idle'] as const);

/** The agent's CPU ms per second of the windows' time (one process's, or the parts' average). */
export function cpuMsPerS(cpu: WindowedProfile): number {
  const { agent } = agentValue(cpu.merged, Math.max(0, valueIndexOf(cpu.merged, 'time')));
  return cpu.coveredMs > 0 ? agent / 1000 / (cpu.coveredMs / 1000) : 0;
}

/** Hyperscope's CPU of several parts: every part's rate added up, the share of their busy time together. */
export function sumOfParts(
  combined: HyperscopeCpuCost,
  parts: readonly SessionProfiles[],
): HyperscopeCpuCost {
  const rate = parts.reduce((sum, p) => sum + (p.cpu ? cpuMsPerS(p.cpu) : 0), 0);
  return { ...combined, cpuMsPerS: rate };
}
