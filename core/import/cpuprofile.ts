/** Chrome DevTools' `.cpuprofile`: CDP's `Profiler.Profile` as JSON (`nodes`, `samples`, `timeDeltas` in µs). */
import type { Protocol } from 'devtools-protocol';
import { buildCpuModel } from '../profile/build-cpu-model';
import { ImportError } from './import-error';
import { emptyProfileSet, type ProfileSet } from './profile-set';

/**
 * True when `raw` has the outline of a CPU profile: a `nodes` list and numeric start and end. Nodes are
 * checked by `importCpuProfile`, so that a broken one gets an error naming it.
 */
export function isCpuProfile(raw: unknown): raw is Protocol.Profiler.Profile {
  if (typeof raw !== 'object' || raw === null) return false;
  const profile = raw as Partial<Protocol.Profiler.Profile>;
  return (
    Array.isArray(profile.nodes) &&
    typeof profile.startTime === 'number' &&
    typeof profile.endTime === 'number'
  );
}

/** The CPU model of a `.cpuprofile`; throws an ImportError naming the first broken node or sample list. */
export function importCpuProfile(profile: Protocol.Profiler.Profile): ProfileSet {
  profile.nodes.forEach((node, i) => {
    if (typeof node?.id !== 'number' || !isCallFrame(node.callFrame))
      throw new ImportError(`.cpuprofile: node ${i} has no id or call frame`);
    if (
      node.children !== undefined &&
      !(Array.isArray(node.children) && node.children.every(Number.isInteger))
    )
      throw new ImportError(`.cpuprofile: node ${node.id} has children that are not a list of node ids`);
  });
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  if (!Array.isArray(samples) || !Array.isArray(deltas) || samples.length !== deltas.length)
    throw new ImportError('.cpuprofile: samples and timeDeltas differ in length');
  const numeric = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value);
  if (!samples.every(numeric) || !deltas.every(numeric))
    throw new ImportError('.cpuprofile: samples and timeDeltas must be numbers');
  return { ...emptyProfileSet('cpuprofile'), cpu: buildCpuModel(profile), cpuProfile: profile };
}

/** True for a CDP `Runtime.CallFrame` (the fields the models read). */
export function isCallFrame(value: unknown): value is Protocol.Runtime.CallFrame {
  if (typeof value !== 'object' || value === null) return false;
  const frame = value as Partial<Protocol.Runtime.CallFrame>;
  return (
    typeof frame.functionName === 'string' &&
    typeof frame.url === 'string' &&
    typeof frame.lineNumber === 'number' &&
    typeof frame.columnNumber === 'number'
  );
}
