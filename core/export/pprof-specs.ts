/** The pprof profiles Hyperscope writes: CPU, allocations (allocated and still alive) and promise chains. */
import { objectSizeEstimator } from '../profile/sample-size';
import { valueIndexOf, type ProfileModel } from '../profile/profile-model';
import { ALLOC_COLUMNS, CHAIN_COLUMNS, CPU_COLUMNS, type PprofColumn } from './pprof-sample-types';
import type { PprofPart, PprofSpec } from './pprof';

/** A model's values for `column` in pprof units (model value × scale), or null when it has none. */
function columnValues(model: ProfileModel, column: PprofColumn): Float64Array | null {
  const index = valueIndexOf(model, column.valueName);
  if (index < 0) return null;
  return Float64Array.from(model.nodes.self[index]!, (v) => v * column.scale);
}

/** CPU: `samples/count` and `cpu/nanoseconds`, period = the sampling interval in ns. */
export function cpuPprofSpec(model: ProfileModel): PprofSpec {
  return {
    sampleTypes: CPU_COLUMNS,
    parts: [{ model, values: CPU_COLUMNS.map((column) => columnValues(model, column)) }],
    periodType: { type: 'cpu', unit: 'nanoseconds' },
    period: (model.samplingInterval ?? 0) * 1e3,
    durationNanos: (model.durationUs ?? 0) * 1e3,
    defaultSampleType: 'cpu',
  };
}

/**
 * Allocations: `alloc_objects`/`alloc_space` from the allocated model and `inuse_objects`/`inuse_space`
 * from the still-alive one (a missing model has no columns, so no tool reads zeros as data). Period:
 * sampling bytes.
 */
export function allocPprofSpec(allocated: ProfileModel | null, alive: ProfileModel | null): PprofSpec {
  const parts: PprofPart[] = [];
  const columns = ALLOC_COLUMNS.filter((column) => (column.slot === 'allocated' ? allocated : alive));
  for (const model of [allocated, alive]) {
    if (!model) continue;
    const slot = model === allocated ? 'allocated' : 'alive';
    const values = columns.map((column) => {
      if (column.slot !== slot) return null;
      return column.valueName === 'objects' ? objectsPerNode(model) : columnValues(model, column);
    });
    parts.push({ model, values });
  }
  return {
    sampleTypes: columns,
    parts,
    periodType: { type: 'space', unit: 'bytes' },
    period: allocated?.samplingInterval ?? alive?.samplingInterval ?? 0,
    defaultSampleType: allocated ? 'alloc_space' : 'inuse_space',
  };
}

/** Promise chains, goroutine-like: `pending_chains/count` per creation stack. */
export function chainsPprofSpec(model: ProfileModel): PprofSpec {
  return {
    sampleTypes: CHAIN_COLUMNS,
    parts: [{ model, values: CHAIN_COLUMNS.map((column) => columnValues(model, column)) }],
    defaultSampleType: 'pending_chains',
  };
}

/**
 * Objects per node: the model's own `objects` when it has them (an imported pprof); otherwise each sample
 * stands for `reported bytes ÷ estimated object size` objects (V8 scales samples up); without samples, the
 * sample count.
 */
export function objectsPerNode(model: ProfileModel): Float64Array | null {
  const own = valueIndexOf(model, 'objects');
  if (own >= 0) return Float64Array.from(model.nodes.self[own]!);
  const samples = model.samples;
  if (samples && samples.node.length > 0) {
    const objects = new Float64Array(model.nodes.count);
    const sizeOf = objectSizeEstimator(model.samplingInterval);
    for (let s = 0; s < samples.node.length; s++) {
      const node = samples.node[s]!;
      const bytes = samples.value[s]!;
      if (node >= 0 && bytes > 0) objects[node]! += bytes / sizeOf(bytes);
    }
    return objects;
  }
  const count = valueIndexOf(model, 'samples');
  return count >= 0 ? Float64Array.from(model.nodes.self[count]!) : null;
}
