/**
 * The line the CPU and Allocations views show above their tables: what Hyperscope's agent cost the
 * process(es) shown, as `report` says it. The tables leave `(hyperscope agent)` out; the flame graphs
 * keep its box (it is where the time went).
 */
import { agentValue, shareOf } from '../../core/profile/agent-cost';
import { valueIndexOf } from '../../core/profile/profile-model';
import { allocCostOf } from '../../core/report/alloc-section';
import { cpuMsPerS } from '../../core/report/cpu-section';
import { hyperscopeCostLine } from '../../core/report/format-hyperscope-cost';
import type { HyperscopeAllocCost, HyperscopeCpuCost } from '../../core/report/report';
import type { Session } from '../../core/session/session';
import { windowedProfilesOf } from './profile-models';

const IDLE = new Set(['idle'] as const);

/**
 * `Hyperscope's own cost: …` of the one-process `sessions` shown (a part, or every part: rates added
 * up, shares of all parts' time and bytes together); null when none has a profile.
 */
export function hyperscopeCostOf(sessions: readonly Session[]): string | null {
  const profiles = sessions.map(windowedProfilesOf);
  const cpus = profiles.flatMap((p) => (p.cpu ? [p.cpu] : []));
  const allocs = profiles.flatMap((p) => (p.allocated ? [p.allocated] : []));
  let cpu: HyperscopeCpuCost | undefined;
  if (cpus.length > 0) {
    const values = cpus.map((w) => agentValue(w.merged, Math.max(0, valueIndexOf(w.merged, 'time')), IDLE));
    const cpuUs = sum(values.map((v) => v.agent));
    cpu = {
      cpuUs,
      cpuMsPerS: sum(cpus.map(cpuMsPerS)),
      share: shareOf(cpuUs, sum(values.map((v) => v.total))),
    };
  }
  let allocated: HyperscopeAllocCost | null = null;
  if (allocs.length > 0) {
    const values = allocs.map((w) => agentValue(w.merged, Math.max(0, valueIndexOf(w.merged, 'space'))));
    const bytes = sum(values.map((v) => v.agent));
    const bytesPerS = sum(allocs.map((w) => allocCostOf(w).bytesPerS));
    allocated = { bytes, bytesPerS, share: shareOf(bytes, sum(values.map((v) => v.total))) };
  }
  return hyperscopeCostLine(cpu, allocated);
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
