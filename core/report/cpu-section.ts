/** The report's CPU table: a session's CPU windows merged, functions by self time like `pprof -top`. */
import { plainFrame } from '../profile/allocated-retained';
import { valueIndexOf } from '../profile/profile-model';
import type { SessionProfiles } from '../profile/session-profiles';
import { topFunctions } from '../profile/top';
import { functionTotals, grandTotal } from '../profile/totals';
import type { CpuReport } from './report';

/** The `rows` functions with the most self time, (idle) left out; null without CPU windows. */
export function cpuSection(profiles: SessionProfiles, rows: number): CpuReport | null {
  const cpu = profiles.cpu;
  if (!cpu) return null;
  const model = cpu.merged;
  const time = valueIndexOf(model, 'time');
  // Idle time is the process waiting, not CPU it used: leave it out of the table and of its 100%.
  const idle = new Set(model.frames.flatMap((frame, f) => (frame.category === 'idle' ? [f] : [])));
  const self = functionTotals(model, time).self;
  const idleUs = [...idle].reduce((sum, f) => sum + self[f]!, 0);
  const busyUs = Math.max(0, grandTotal(model, time) - idleUs);
  const percent = (us: number): number => (busyUs > 0 ? (us / busyUs) * 100 : 0);
  let sum = 0;
  const top = topFunctions(model, time, rows + idle.size).filter((row) => !idle.has(row.frameIndex));
  return {
    windows: cpu.windows.length,
    profiledMs: cpu.coveredMs,
    samplingIntervalUs: cpu.samplingInterval,
    busyUs,
    top: top.slice(0, rows).map((row) => {
      sum += percent(row.flat);
      return {
        frame: plainFrame(row.frame),
        flat: row.flat,
        flatPercent: percent(row.flat),
        sumPercent: sum,
        cum: row.cum,
        cumPercent: percent(row.cum),
      };
    }),
  };
}
