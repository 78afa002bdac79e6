/** The hottest code of a CPU profile, as findings cite it (`event-loop-blocked`). */
import type { Frame } from '../frame';
import { isSystemFrame, valueIndexOf, type ProfileModel } from './profile-model';
import { functionTotals, grandTotal } from './totals';

/**
 * The `n` functions with the most self time, hottest first, leaving out (root), (idle), (program) and
 * (garbage collector). Uses sample counts when the profile has no timestamps.
 */
export function hotFrames(cpuModel: ProfileModel, n: number): Frame[] {
  const time = valueIndexOf(cpuModel, 'time');
  const samples = valueIndexOf(cpuModel, 'samples');
  const valueIndex = time >= 0 && grandTotal(cpuModel, time) > 0 ? time : Math.max(0, samples);
  const { self } = functionTotals(cpuModel, valueIndex);
  return [...self.keys()]
    .filter((f) => self[f]! > 0 && !isSystemFrame(cpuModel.frames[f]!))
    .sort((a, b) => self[b]! - self[a]!)
    .slice(0, Math.max(0, n))
    .map((f) => {
      const { functionName, url, line, column } = cpuModel.frames[f]!;
      return { functionName, url, line, column };
    });
}
