/**
 * speedscope's own JSON format (sampled and evented profiles). Profiles Hyperscope wrote go back to the
 * kind they came from (by name); others by unit: time units → CPU, bytes → allocated, none → CPU samples.
 */
import {
  SPEEDSCOPE_PROFILE_NAMES,
  SPEEDSCOPE_SCHEMA,
  type SpeedscopeEventedProfile,
  type SpeedscopeFile,
  type SpeedscopeUnit,
} from '../export/speedscope-file';
import { CHAIN_VALUE_TYPES } from '../export/chain-groups-model';
import { mergeModels } from '../profile/merge-models';
import type { ProfileModel, ValueType } from '../profile/profile-model';
import { ImportError } from './import-error';
import { emptyProfileSet, type ProfileSet } from './profile-set';
import { StackTreeBuilder } from '../profile/stack-tree-builder';

/** µs per unit, for time units. */
const MICROSECONDS: Partial<Record<SpeedscopeUnit, number>> = {
  nanoseconds: 1e-3,
  microseconds: 1,
  milliseconds: 1e3,
  seconds: 1e6,
};

/** True for a speedscope file: its `$schema`, or `shared.frames` beside `profiles`. */
export function isSpeedscope(raw: unknown): raw is SpeedscopeFile {
  if (typeof raw !== 'object' || raw === null) return false;
  const file = raw as Partial<SpeedscopeFile>;
  if (file.$schema === SPEEDSCOPE_SCHEMA) return true;
  return Array.isArray(file.profiles) && Array.isArray(file.shared?.frames);
}

type Slot = 'cpu' | 'allocated' | 'alive' | 'chains';

/** One model per profile, merged per kind. Throws an ImportError naming the first broken profile. */
export function importSpeedscope(file: SpeedscopeFile): ProfileSet {
  if (!Array.isArray(file.profiles) || !Array.isArray(file.shared?.frames))
    throw new ImportError('speedscope: no profiles or no shared frames');
  const bySlot = new Map<Slot, ProfileModel[]>();
  file.profiles.forEach((profile, p) => {
    if (typeof profile !== 'object' || profile === null)
      throw new ImportError(`speedscope profile ${p}: not an object`);
    const slot = slotOf(profile.name, profile.unit);
    const model = modelOf(file, profile, slot, p);
    bySlot.set(slot, [...(bySlot.get(slot) ?? []), model]);
  });
  const set = emptyProfileSet('speedscope');
  for (const [slot, models] of bySlot) set[slot] = mergeModels(models);
  return set;
}

function slotOf(name: string, unit: SpeedscopeUnit): Slot {
  for (const [slot, known] of Object.entries(SPEEDSCOPE_PROFILE_NAMES))
    if (name === known) return slot as Slot;
  return unit === 'bytes' ? 'allocated' : 'cpu';
}

function valueTypeOf(slot: Slot, unit: SpeedscopeUnit): ValueType {
  if (slot === 'chains') return CHAIN_VALUE_TYPES[0]!;
  if (unit === 'bytes') return { name: 'space', unit: 'bytes' };
  return MICROSECONDS[unit] ? { name: 'time', unit: 'microseconds' } : { name: 'samples', unit: 'count' };
}

function modelOf(
  file: SpeedscopeFile,
  profile: SpeedscopeFile['profiles'][number],
  slot: Slot,
  index: number,
): ProfileModel {
  const where = `speedscope profile ${index}`;
  const builder = new StackTreeBuilder([valueTypeOf(slot, profile.unit)]);
  const frameCount = file.shared.frames.length;
  const frameOf = file.shared.frames.map((frame) =>
    builder.intern({
      functionName: typeof frame?.name === 'string' ? frame.name : '',
      url: typeof frame?.file === 'string' ? frame.file : '',
      line: Number.isInteger(frame?.line) ? frame!.line! : 0,
      column: Number.isInteger(frame?.col) ? frame!.col! : 0,
    }),
  );
  const scale = MICROSECONDS[profile.unit] ?? 1;
  const toFrames = (stack: readonly number[]): number[] => {
    if (!Array.isArray(stack)) throw new ImportError(`${where}: a sample is not a list of frames`);
    return stack.map((f) => {
      if (!Number.isInteger(f) || f < 0 || f >= frameCount)
        throw new ImportError(`${where}: frame ${f} unknown`);
      return frameOf[f]!;
    });
  };
  const weight = (value: unknown): number => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
      throw new ImportError(`${where}: a weight is not a number`);
    return value * scale;
  };
  if (profile.type === 'sampled') {
    if (
      !Array.isArray(profile.samples) ||
      !Array.isArray(profile.weights) ||
      profile.samples.length !== profile.weights.length
    )
      throw new ImportError(`${where}: samples and weights differ`);
    profile.samples.forEach((stack, s) => builder.addStack(toFrames(stack), [weight(profile.weights[s])]));
  } else if (profile.type === 'evented') {
    addEvents(profile, (stack, value) => builder.addStack(toFrames(stack), [weight(value)]), where);
  } else {
    throw new ImportError(`${where}: unknown type ${String((profile as { type?: unknown }).type)}`);
  }
  const span = (profile.endValue - profile.startValue) * scale;
  const kind = slot === 'cpu' ? 'cpu' : slot === 'chains' ? 'folded' : 'alloc';
  return builder.build(kind, kind === 'cpu' && MICROSECONDS[profile.unit] ? { durationUs: span } : {});
}

/** Replays open/close events: the time between two events goes to the stack open between them. */
function addEvents(
  profile: SpeedscopeEventedProfile,
  add: (stack: readonly number[], value: number) => void,
  where: string,
): void {
  if (!Array.isArray(profile.events)) throw new ImportError(`${where}: no events`);
  const stack: number[] = [];
  let last = profile.startValue;
  for (const event of profile.events) {
    if (stack.length > 0 && event.at > last) add(stack, event.at - last);
    last = event.at;
    if (event.type === 'O') stack.push(event.frame);
    else if (stack.pop() !== event.frame)
      throw new ImportError(`${where}: frame ${event.frame} closed out of order`);
  }
}
