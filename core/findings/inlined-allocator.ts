/**
 * Names the function that allocates when TurboFan inlined it into its caller. V8's sampling heap profiler
 * records only the outermost function of optimized code, so an inlined allocator's bytes land on its
 * caller (the "host"); the CPU profile keeps inlined frames. When, under the host, one JavaScript callee
 * takes most of the CPU self time while the allocation profile sees less under that callee than in the
 * host itself, the callee is taken to be the allocator. An inference: the finding says so.
 */
import type { Frame } from '../frame';
import { valueIndexOf, type ProfileModel } from '../profile/profile-model';

/** The callee's self time under the host must be at least this many times the host's own. */
export const MIN_CALLEE_OVER_HOST = 2;
/** …and at least this share of the self time of all the host's JavaScript callees. */
export const MIN_CALLEE_SHARE = 0.5;
/** …and at least this much CPU time, µs (less is a handful of samples). */
export const MIN_CALLEE_SELF_US = 50_000;

/** A callee inferred to allocate the bytes recorded in its host. */
export interface InlinedAllocator {
  /** The inferred allocator, as the CPU profile names it. */
  callee: Frame;
  /** The function the allocation profile named (the callee was inlined into it). */
  host: Frame;
  /** CPU self time of the callee under the host, µs. */
  calleeSelfUs: number;
  /** CPU self time of the host itself, µs. */
  hostSelfUs: number;
}

/**
 * The allocator inlined into the innermost JavaScript frame of `stack` (an allocation stack, innermost
 * first; builtin frames such as `join` are skipped), or null when the profiles do not show one.
 */
export function inlinedAllocatorOf(
  stack: readonly Frame[],
  alloc: ProfileModel | null | undefined,
  cpu: ProfileModel | null | undefined,
): InlinedAllocator | null {
  const host = stack.find((frame) => frame.url !== '');
  if (!host || !cpu || !alloc) return null;
  const time = valueIndexOf(cpu, 'time');
  if (time < 0) return null;
  const isHost = (model: ProfileModel, node: number): boolean =>
    node >= 0 && sameFunction(model.frames[model.nodes.frame[node]!]!, host);
  let hostSelfUs = 0;
  const callees = new Map<string, { frame: Frame; selfUs: number }>();
  for (let i = 0; i < cpu.nodes.count; i++) {
    if (isHost(cpu, i)) hostSelfUs += cpu.nodes.self[time]![i]!;
    const frame = cpu.frames[cpu.nodes.frame[i]!]!;
    if (frame.url === '' || sameFunction(frame, host) || !isHost(cpu, cpu.nodes.parent[i]!)) continue;
    const key = functionKey(frame);
    const entry = callees.get(key) ?? { frame, selfUs: 0 };
    entry.selfUs += cpu.nodes.self[time]![i]!;
    callees.set(key, entry);
  }
  const ranked = [...callees.values()].sort((a, b) => b.selfUs - a.selfUs);
  const best = ranked[0];
  const calleesUs = ranked.reduce((sum, c) => sum + c.selfUs, 0);
  if (
    !best ||
    best.selfUs < MIN_CALLEE_SELF_US ||
    best.selfUs < MIN_CALLEE_OVER_HOST * hostSelfUs ||
    best.selfUs < MIN_CALLEE_SHARE * calleesUs
  )
    return null;
  // Where the callee ran as a frame of its own (before it was inlined, or after a deopt) the allocation
  // profile names it: the host must hold more than the callee does, or the host's bytes are its own.
  const bytes = hostAndCalleeBytes(alloc, host, best.frame);
  if (bytes.host <= bytes.callee) return null;
  const { functionName, url, line, column } = best.frame;
  return { callee: { functionName, url, line, column }, host, calleeSelfUs: best.selfUs, hostSelfUs };
}

/** Bytes the allocation profile puts in the host itself (with its builtins), and under the callee. */
function hostAndCalleeBytes(
  alloc: ProfileModel,
  host: Frame,
  callee: Frame,
): { host: number; callee: number } {
  const space = Math.max(0, valueIndexOf(alloc, 'space'));
  const owner = new Int32Array(alloc.nodes.count).fill(-1); // 0: host (or its builtins), 1: the callee
  const result = { host: 0, callee: 0 };
  for (let i = 0; i < alloc.nodes.count; i++) {
    const frame = alloc.frames[alloc.nodes.frame[i]!]!;
    const parent = alloc.nodes.parent[i]!;
    const above = parent >= 0 ? owner[parent]! : -1;
    if (sameFunction(frame, host)) owner[i] = 0;
    else if (above === 0 && sameFunction(frame, callee)) owner[i] = 1;
    else if (above === 1 || (above === 0 && frame.url === '')) owner[i] = above;
    const bytes = alloc.nodes.self[space]![i]!;
    if (owner[i] === 0) result.host += bytes;
    else if (owner[i] === 1) result.callee += bytes;
  }
  return result;
}

/** One function at its place; a `file://` url and a path name the same script (the profilers differ). */
function sameFunction(a: Frame, b: Frame): boolean {
  return functionKey(a) === functionKey(b);
}

function functionKey(frame: Frame): string {
  return `${frame.functionName}\0${frame.url.replace(/^file:\/\//, '')}\0${frame.line}\0${frame.column}`;
}
