/**
 * Allocated vs still alive: V8 samples allocations either including objects GC has since collected
 * (`includeObjectsCollectedByMajorGC/MinorGC`: everything allocated) or not (what is still alive).
 * Comparing one window of each kind tells garbage from retention per function and per call site.
 */
import type { Frame } from '../frame';
import { valueIndexOf, type ProfileFrame, type ProfileModel } from './profile-model';

export interface AllocatedRetainedRow {
  /** Innermost first: the function alone for `byFunction`, the whole call stack for `bySite`. */
  frames: Frame[];
  /** Bytes allocated (from the model that includes collected objects). */
  allocatedBytes: number;
  /** Bytes still alive (from the model without collected objects). */
  aliveBytes: number;
  /** alive ÷ allocated; sampling noise can push it above 1; 0 when nothing was allocated. */
  aliveRatio: number;
}

export interface AllocatedRetained {
  total: AllocatedRetainedRow;
  /** Most bytes allocated first. */
  byFunction: AllocatedRetainedRow[];
  bySite: AllocatedRetainedRow[];
}

/** Pairs the self bytes of both models by function and by call stack (frames matched by name and place). */
export function splitAllocatedRetained(allocated: ProfileModel, live: ProfileModel): AllocatedRetained {
  const functions = new Map<string, AllocatedRetainedRow>();
  const sites = new Map<string, AllocatedRetainedRow>();
  const total = row([], 0, 0);
  const collect = (model: ProfileModel, field: 'allocatedBytes' | 'aliveBytes'): void => {
    const bytes = model.nodes.self[Math.max(0, valueIndexOf(model, 'space'))]!;
    const pathKey: string[] = [];
    for (let i = 0; i < model.nodes.count; i++) {
      const frame = model.frames[model.nodes.frame[i]!]!;
      const p = model.nodes.parent[i]!;
      pathKey[i] = (p >= 0 ? pathKey[p] + '\n' : '') + frameKey(frame);
      const value = bytes[i]!;
      if (value === 0) continue;
      total[field] += value;
      rowIn(functions, frameKey(frame), () => [plainFrame(frame)])[field] += value;
      rowIn(sites, pathKey[i]!, () => stackOf(model, i))[field] += value;
    }
  };
  collect(allocated, 'allocatedBytes');
  collect(live, 'aliveBytes');
  const finish = (rows: Iterable<AllocatedRetainedRow>): AllocatedRetainedRow[] =>
    [...rows]
      .map(withRatio)
      .sort((a, b) => b.allocatedBytes - a.allocatedBytes || b.aliveBytes - a.aliveBytes);
  return { total: withRatio(total), byFunction: finish(functions.values()), bySite: finish(sites.values()) };
}

function frameKey(frame: ProfileFrame): string {
  return `${frame.functionName}\0${frame.url}\0${frame.line}\0${frame.column}`;
}

/** A model frame as a plain `Frame` (no category or script id). */
export function plainFrame(frame: ProfileFrame): Frame {
  return { functionName: frame.functionName, url: frame.url, line: frame.line, column: frame.column };
}

/** The call stack of `node`, innermost first. */
export function stackOf(model: ProfileModel, node: number): Frame[] {
  const stack: Frame[] = [];
  for (let i = node; i >= 0; i = model.nodes.parent[i]!)
    stack.push(plainFrame(model.frames[model.nodes.frame[i]!]!));
  return stack;
}

/** `node`'s call stack as a finding shows it: innermost first, without `(root)` and unnamed builtins. */
export function siteStackOf(model: ProfileModel, node: number): Frame[] {
  return stackOf(model, node).filter(
    (frame) => frame.url !== '' || !/^(\(root\))?$/.test(frame.functionName),
  );
}

function row(frames: Frame[], allocatedBytes: number, aliveBytes: number): AllocatedRetainedRow {
  return { frames, allocatedBytes, aliveBytes, aliveRatio: 0 };
}

function rowIn(
  rows: Map<string, AllocatedRetainedRow>,
  key: string,
  frames: () => Frame[],
): AllocatedRetainedRow {
  let found = rows.get(key);
  if (!found) rows.set(key, (found = row(frames(), 0, 0)));
  return found;
}

function withRatio(r: AllocatedRetainedRow): AllocatedRetainedRow {
  return { ...r, aliveRatio: r.allocatedBytes > 0 ? r.aliveBytes / r.allocatedBytes : 0 };
}
