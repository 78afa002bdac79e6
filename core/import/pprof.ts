/**
 * pprof profiles (protobuf, `profile.proto`), decoded with pprof-format from bytes already gunzipped.
 * Known sample types go to their kind (see pprof-sample-types.ts); a profile with none known is read
 * as a CPU-like profile with its own value types, so it can still be viewed and diffed.
 */
import { Profile } from 'pprof-format';
import { columnOfSampleType, type PprofSlot } from '../export/pprof-sample-types';
import type { ValueType } from '../profile/profile-model';
import { ImportError } from './import-error';
import { emptyProfileSet, type ProfileSet } from './profile-set';
import { StackTreeBuilder } from '../profile/stack-tree-builder';

/** Decodes `bytes` as a pprof profile; null when they are not one (no sample types, no empty first string). */
export function decodePprof(bytes: Uint8Array): Profile | null {
  try {
    const profile = Profile.decode(bytes);
    const ok = profile.sampleType.length > 0 && profile.stringTable.strings[0] === '';
    return ok ? profile : null;
  } catch {
    return null;
  }
}

/** True for the bytes of an (uncompressed) pprof profile. */
export function isPprof(bytes: Uint8Array): boolean {
  return decodePprof(bytes) !== null;
}

/** How a pprof profile is read. */
export interface PprofImportOptions {
  /** One frame per source line, as `go tool pprof -lines` (default: one per function, as `-top`). */
  lines?: boolean;
}

/** The models of a pprof profile, one per kind its sample types name. */
export function importPprof(bytes: Uint8Array, options: PprofImportOptions = {}): ProfileSet {
  const profile = decodePprof(bytes);
  if (!profile) throw new ImportError('not a pprof profile (no sample types)');
  const text = (index: unknown): string => profile.stringTable.strings[Number(index)] ?? '';
  let columns = profile.sampleType.map((type) => columnOfSampleType(text(type.type), text(type.unit)));
  if (columns.every((column) => column === undefined)) {
    columns = profile.sampleType.map((type) => ({
      type: text(type.type),
      unit: text(type.unit),
      slot: 'cpu',
      valueName: text(type.type),
      valueUnit: text(type.unit),
      scale: 1,
    }));
  }

  const functions = new Map(profile.function.map((f) => [Number(f.id), f]));
  const slots = [...new Set(columns.flatMap((column) => (column ? [column.slot] : [])))];
  const builders = new Map<
    PprofSlot,
    { builder: StackTreeBuilder; picks: { from: number; scale: number }[] }
  >();
  for (const slot of slots) {
    const picks: { from: number; scale: number }[] = [];
    const types: ValueType[] = [];
    columns.forEach((column, from) => {
      if (column?.slot !== slot) return;
      picks.push({ from, scale: 1 / column.scale });
      types.push({ name: column.valueName, unit: column.valueUnit });
    });
    builders.set(slot, { builder: new StackTreeBuilder(types), picks });
  }

  // Locations expand to their lines, innermost (inlined) first; one builder's frame table serves them all.
  // By function (as `go tool pprof -top`): every line of a function is one frame at the function's start.
  type FrameOfLine = { functionName: string; url: string; line: number; column: number };
  const frameOfFunction = new Map<number, FrameOfLine>();
  const frameOf = (line: (typeof profile.location)[number]['line'][number]): FrameOfLine => {
    const fn = functions.get(Number(line.functionId));
    const atLine = {
      functionName: text(fn?.name),
      url: text(fn?.filename),
      line: Number(line.line),
      column: Number(line.column ?? 0),
    };
    if (options.lines) return atLine;
    let frame = frameOfFunction.get(Number(line.functionId));
    if (!frame) {
      const start = Number(fn?.startLine ?? 0);
      frame =
        start > 0 ? { ...atLine, line: start, column: start === atLine.line ? atLine.column : 0 } : atLine;
      frameOfFunction.set(Number(line.functionId), frame);
    }
    return frame;
  };
  const frameInputs = new Map<number, FrameOfLine[]>();
  for (const location of profile.location) frameInputs.set(Number(location.id), location.line.map(frameOf));
  for (const sample of profile.sample) {
    const frames: { functionName: string; url: string; line: number; column: number }[] = [];
    for (const id of sample.locationId) {
      const lines = frameInputs.get(Number(id));
      if (!lines) throw new ImportError(`pprof: a sample names location ${id}, which is missing`);
      frames.push(...lines);
    }
    frames.reverse();
    for (const { builder, picks } of builders.values()) {
      const values = picks.map(({ from, scale }) => Number(sample.value[from] ?? 0) * scale);
      if (values.every((v) => v === 0)) continue;
      builder.addStack(
        frames.map((frame) => builder.intern(frame)),
        values,
      );
    }
  }

  const set = emptyProfileSet('pprof');
  const durationUs = Number(profile.durationNanos) / 1e3 || undefined;
  const interval = samplingIntervalOf(text(profile.periodType?.unit), Number(profile.period));
  for (const [slot, { builder }] of builders) {
    const kind = slot === 'cpu' ? 'cpu' : slot === 'chains' ? 'folded' : 'alloc';
    set[slot] = builder.build(kind, {
      durationUs: kind === 'cpu' ? durationUs : undefined,
      samplingInterval: interval?.kind === kind ? interval.value : undefined,
    });
  }
  return set;
}

/** The period as a model's sampling interval: µs for CPU (time units), bytes for allocations. */
function samplingIntervalOf(
  unit: string,
  period: number,
): { kind: 'cpu' | 'alloc'; value: number } | undefined {
  if (!(period > 0)) return undefined;
  if (unit === 'bytes') return { kind: 'alloc', value: period };
  const time = columnOfSampleType('time', unit);
  return time ? { kind: 'cpu', value: period / time.scale } : undefined;
}
