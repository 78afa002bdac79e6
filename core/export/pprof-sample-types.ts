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

export const CPU_COLUMNS: readonly PprofColumn[] = [
  { type: 'samples', unit: 'count', slot: 'cpu', valueName: 'samples', valueUnit: 'count', scale: 1 },
  { type: 'cpu', unit: 'nanoseconds', slot: 'cpu', valueName: 'time', valueUnit: 'microseconds', scale: 1e3 },
];

export const ALLOC_COLUMNS: readonly PprofColumn[] = [
  {
    type: 'alloc_objects',
    unit: 'count',
    slot: 'allocated',
    valueName: 'objects',
    valueUnit: 'count',
    scale: 1,
  },
  { type: 'alloc_space', unit: 'bytes', slot: 'allocated', valueName: 'space', valueUnit: 'bytes', scale: 1 },
  { type: 'inuse_objects', unit: 'count', slot: 'alive', valueName: 'objects', valueUnit: 'count', scale: 1 },
  { type: 'inuse_space', unit: 'bytes', slot: 'alive', valueName: 'space', valueUnit: 'bytes', scale: 1 },
];

export const CHAIN_COLUMNS: readonly PprofColumn[] = [
  {
    type: 'pending_chains',
    unit: 'count',
    slot: 'chains',
    valueName: 'chains',
    valueUnit: 'count',
    scale: 1,
  },
];

/** Sample types other tools write that mean the same (Node's pprof heap profiles: `objects`, `space`). */
const OTHER_COLUMNS: readonly PprofColumn[] = [
  { type: 'objects', unit: 'count', slot: 'alive', valueName: 'objects', valueUnit: 'count', scale: 1 },
  { type: 'space', unit: 'bytes', slot: 'alive', valueName: 'space', valueUnit: 'bytes', scale: 1 },
];

const TIME_UNITS: Record<string, number> = {
  nanoseconds: 1e3,
  microseconds: 1,
  milliseconds: 1e-3,
  seconds: 1e-6,
};

/** The column a pprof sample type reads into; undefined when unknown. Time types in any unit go to CPU. */
export function columnOfSampleType(type: string, unit: string): PprofColumn | undefined {
  const known = [...CPU_COLUMNS, ...ALLOC_COLUMNS, ...CHAIN_COLUMNS, ...OTHER_COLUMNS].find(
    (column) => column.type === type && column.unit === unit,
  );
  if (known) return known;
  const scale = TIME_UNITS[unit];
  if (scale !== undefined && (type === 'cpu' || type === 'wall' || type === 'time'))
    return { type, unit, slot: 'cpu', valueName: 'time', valueUnit: 'microseconds', scale };
  return undefined;
}
