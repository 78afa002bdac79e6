/**
 * Exports models as a pprof profile (`profile.proto`), NOT compressed: gzip it on the way out (`go tool
 * pprof` reads both, tools expect `.pb.gz`). Written in chunks: protobuf messages concatenate, so samples
 * go out as they are encoded (SampleEncoder) and the tables (locations, functions, strings, encoded with
 * pprof-format) follow once every frame has been seen.
 */
import { Function as PprofFunction, Location, Mapping, Profile, StringTable, ValueType } from 'pprof-format';
import { frameLabel, type ProfileModel } from '../profile/profile-model';
import { SampleEncoder } from './sample-encoder';

export interface PprofPart {
  model: ProfileModel;
  /** Per sample type: each node's value in that type's unit (rounded on output), or null when none. */
  values: readonly (ArrayLike<number> | null)[];
}

export interface PprofSpec {
  sampleTypes: readonly { type: string; unit: string }[];
  /** Every part's nodes with a non-zero value become samples; parts share locations and functions. */
  parts: readonly PprofPart[];
  periodType?: { type: string; unit: string };
  /** In `periodType`'s unit. */
  period?: number;
  durationNanos?: number;
  /** Start, ns since the epoch. */
  timeNanos?: number;
  /** The sample type `pprof` shows by default. */
  defaultSampleType?: string;
}

/** The uncompressed pprof bytes of `spec`, in chunks. */
export function* pprofChunks(spec: PprofSpec): Generator<Uint8Array> {
  const strings = new StringTable();
  const locations = new Map<string, number>();
  const locationList: Location[] = [];
  const functions = new Map<string, number>();
  const functionList: PprofFunction[] = [];
  const locationOf = (model: ProfileModel, f: number): number => {
    const frame = model.frames[f]!;
    const key = `${frame.functionName}\0${frame.url}\0${frame.line}\0${frame.column}`;
    let id = locations.get(key);
    if (id !== undefined) return id;
    const fnKey = `${frame.functionName}\0${frame.url}\0${frame.line}`;
    let functionId = functions.get(fnKey);
    if (functionId === undefined) {
      functionId = functionList.length + 1;
      functions.set(fnKey, functionId);
      const name = strings.dedup(frameLabel(frame));
      const filename = strings.dedup(frame.url);
      functionList.push(
        new PprofFunction({ id: functionId, name, systemName: name, filename, startLine: frame.line }),
      );
    }
    id = locationList.length + 1;
    locations.set(key, id);
    locationList.push(
      new Location({ id, mappingId: 1, line: [{ functionId, line: frame.line, column: frame.column }] }),
    );
    return id;
  };

  const samples = new SampleEncoder();
  for (const { model, values } of spec.parts) {
    const { parent, frame, depth } = model.nodes;
    // Pre-order: parents get their location before their children; a stack is walked only when sampled.
    const locationOfNode = new Int32Array(model.nodes.count);
    const stack = new Float64Array(maxDepth(depth) + 1);
    const row = new Float64Array(values.length);
    for (let i = 0; i < model.nodes.count; i++) {
      locationOfNode[i] = locationOf(model, frame[i]!);
      let any = false;
      values.forEach((column, v) => {
        row[v] = column ? Math.max(0, Math.round(column[i]!)) : 0;
        any ||= row[v]! > 0;
      });
      if (!any) continue;
      let count = 0;
      for (let n = i; n >= 0; n = parent[n]!) stack[count++] = locationOfNode[n]!;
      const chunk = samples.add(stack, count, row);
      if (chunk) yield chunk;
    }
  }
  yield samples.flush();

  const typeOf = (t: { type: string; unit: string }): ValueType =>
    new ValueType({ type: strings.dedup(t.type), unit: strings.dedup(t.unit) });
  const defaultIndex = spec.defaultSampleType ? strings.dedup(spec.defaultSampleType) : 0;
  yield new Profile({
    sampleType: spec.sampleTypes.map(typeOf),
    mapping: [
      new Mapping({
        id: 1,
        filename: strings.dedup('node'),
        hasFunctions: true,
        hasFilenames: true,
        hasLineNumbers: true,
      }),
    ],
    location: locationList,
    function: functionList,
    periodType: spec.periodType ? typeOf(spec.periodType) : undefined,
    period: Math.round(spec.period ?? 0),
    durationNanos: Math.round(spec.durationNanos ?? 0),
    timeNanos: Math.round(spec.timeNanos ?? 0),
    defaultSampleType: defaultIndex,
    stringTable: strings,
  }).encode();
}

function maxDepth(depth: ArrayLike<number>): number {
  let most = 0;
  for (let i = 0; i < depth.length; i++) most = Math.max(most, depth[i]!);
  return most;
}
