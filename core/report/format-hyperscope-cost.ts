/**
 * The report's one line for what Hyperscope itself cost the profiled process(es), said apart from the
 * CPU and allocation tables that leave its `(hyperscope agent)` frame out.
 */
import type { HyperscopeAllocCost, HyperscopeCpuCost } from './report';

const MiB = 1024 * 1024;

/**
 * `Hyperscope's own cost: 4.2 ms/s CPU (22.0% of the busy time), 0.13 MiB/s allocated`; either half
 * when only one kind was profiled; null when neither was.
 */
export function hyperscopeCostLine(
  cpu: HyperscopeCpuCost | undefined,
  allocated: HyperscopeAllocCost | null | undefined,
): string | null {
  const halves: string[] = [];
  if (cpu) {
    const { cpuMsPerS, share } = cpu;
    halves.push(`${cpuMsPerS.toFixed(1)} ms/s CPU (${(share * 100).toFixed(1)}% of the busy time)`);
  }
  if (allocated) halves.push(`${(allocated.bytesPerS / MiB).toFixed(2)} MiB/s allocated`);
  return halves.length > 0 ? `Hyperscope's own cost: ${halves.join(', ')}` : null;
}
