/** Which value of a model an export shows when a format carries one value per profile. */
import { grandTotal } from '../profile/totals';
import { valueIndexOf, type ProfileModel } from '../profile/profile-model';

/**
 * CPU: `time` (µs), or `samples` when the profile has no timestamps; allocations: `space` (bytes);
 * chains: `chains` (count); anything else: its first value type.
 */
export function primaryValueIndex(model: ProfileModel): number {
  for (const name of ['time', 'space', 'chains']) {
    const index = valueIndexOf(model, name);
    if (index >= 0 && (name !== 'time' || grandTotal(model, index) > 0)) return index;
  }
  return Math.max(0, valueIndexOf(model, 'samples'));
}
