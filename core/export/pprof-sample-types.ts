/**
 * How model value types map to pprof sample types and back. Names follow Go's profiles so that pprof
 * users feel at home: CPU `samples/count` + `cpu/nanoseconds`; heap `alloc_objects/count`,
 * `alloc_space/bytes` (everything allocated) and `inuse_objects/count`, `inuse_space/bytes` (still alive).
 * Promise chains are a goroutine-like `pending_chains/count`.
 */
import type { ProfileSet } from '../import/profile-set';

/** The set's slots a pprof column belongs to. */
export type PprofSlot = keyof Pick<ProfileSet, 'cpu' | 'allocated' | 'alive' | 'chains'>;

export interface PprofColumn {
  /** pprof sample type and unit. */
  type: string;
  unit: string;
  slot: PprofSlot;
  /** The model value type's name and unit. */
  valueName: string;
  valueUnit: string;
  /** pprof value = model value × scale. */
  scale: number;
}

/** A column whose model value is the pprof value itself: same unit, scale 1. */
function asIs(type: string, unit: string, slot: PprofSlot, valueName: string): PprofColumn {
  return { type, unit, slot, valueName, valueUnit: unit, scale: 1 };
}

export const CPU_COLUMNS: readonly PprofColumn[] = [
  asIs('samples', 'count', 'cpu', 'samples'),
  { type: 'cpu', unit: 'nanoseconds', slot: 'cpu', valueName: 'time', valueUnit: 'microseconds', scale: 1e3 },
];

export const ALLOC_COLUMNS: readonly PprofColumn[] = [
  asIs('alloc_objects', 'count', 'allocated', 'objects'),
  asIs('alloc_space', 'bytes', 'allocated', 'space'),
  asIs('inuse_objects', 'count', 'alive', 'objects'),
  asIs('inuse_space', 'bytes', 'alive', 'space'),
];

export const CHAIN_COLUMNS: readonly PprofColumn[] = [asIs('pending_chains', 'count', 'chains', 'chains')];

/** Sample types other tools write that mean the same (Node's pprof heap profiles: `objects`, `space`). */
const OTHER_COLUMNS: readonly PprofColumn[] = [
  asIs('objects', 'count', 'alive', 'objects'),
  asIs('space', 'bytes', 'alive', 'space'),
];

const KNOWN_COLUMNS = [...CPU_COLUMNS, ...ALLOC_COLUMNS, ...CHAIN_COLUMNS, ...OTHER_COLUMNS];

const TIME_UNITS: Record<string, number> = {
  nanoseconds: 1e3,
  microseconds: 1,
  milliseconds: 1e-3,
  seconds: 1e-6,
};

/** The column a pprof sample type reads into; undefined when unknown. Time types in any unit go to CPU. */
export function columnOfSampleType(type: string, unit: string): PprofColumn | undefined {
  const known = KNOWN_COLUMNS.find((column) => column.type === type && column.unit === unit);
  if (known) return known;
  const scale = TIME_UNITS[unit];
  if (scale !== undefined && (type === 'cpu' || type === 'wall' || type === 'time'))
    return { type, unit, slot: 'cpu', valueName: 'time', valueUnit: 'microseconds', scale };
  return undefined;
}
