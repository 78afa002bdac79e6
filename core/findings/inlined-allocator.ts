/**
 * Names the function that allocates when TurboFan inlined it into its caller. V8's sampling heap profiler
 * records only the outermost function of optimized code, so an inlined allocator's bytes land on its
 * caller (the "host"); the CPU profile keeps inlined frames. When, under the host, one JavaScript callee
 * takes most of the CPU self time while the allocation profile sees less under that callee than in the
 * host itself, the callee is taken to be the allocator. An inference: the finding says so.
 */
import type { Protocol } from 'devtools-protocol';
import { isNodeCode, type Frame } from '../frame';
import { valueIndexOf, type ProfileModel } from '../profile/profile-model';

/** The callee's CPU samples under the host must be at least this many times the host's own… */
export const MIN_CALLEE_OVER_HOST = 1.5;
/** …and at least this share of the samples of all the host's JavaScript callees… */
export const MIN_CALLEE_SHARE = 0.5;
/**
 * …and at least this many (fewer is noise). At the default ~100 Hz the inlined-allocator scenario's
 * callee had 42–47 samples in a 15 s recording on Node 20, its host 16–22 (with 40 invoices a request
 * instead of 100: 13–16 and 6–10, too near the 1.5 ratio — a loaded CI runner fell below it).
 */
export const MIN_CALLEE_SAMPLES = 8;

/**
 * The callee, where it ran as a frame of its own, allocated at least this share of the host's bytes.
 * Inlined allocators recorded at 32 KiB had 21–34% (some calls run before inlining or after a deopt,
 * even in a service attached to when warm); at the default 512 KiB, with the demo's work per request
 * raised, 3.0–3.7% (4 recordings of 15 s run side by side on 2 cores; the share shrinks as the callee
 * is inlined sooner). A non-inlined checksum loop that allocates nothing but a few heap numbers in the
 * interpreter: 0.13%, 7× below.
 */
export const MIN_CALLEE_OWN_BYTES = 0.01;

/** A callee inferred to allocate the bytes recorded in its host. */
export interface InlinedAllocator {
  /** The inferred allocator, as the CPU profile names it. */
  callee: Frame;
  /** The function the allocation profile named (the callee was inlined into it). */
  host: Frame;
  /** CPU samples of the callee under the host (with the host's samples on the callee's lines). */
  calleeSamples: number;
  /** CPU samples of the host itself, less those on the callee's lines. */
  hostSamples: number;
}

/**
 * The allocator inlined into the innermost JavaScript frame of `stack` (an allocation stack, innermost
 * first; builtin frames such as `join` are skipped), or null when the profiles do not show one. `cpu` are
 * the session's CPU profiles as V8 gave them (their `positionTicks` are read).
 */
export function inlinedAllocatorOf(
  stack: readonly Frame[],
  alloc: ProfileModel | null | undefined,
  cpu: readonly Protocol.Profiler.Profile[],
): InlinedAllocator | null {
  const host = stack.find((frame) => frame.url !== '');
  if (!host || !alloc) return null;
  const samples = samplesUnder(host, cpu);
  const ranked = [...samples.callees.values()].sort((a, b) => b.samples - a.samples);
  const best = ranked[0];
  // Node's code inlined into the host is the host's to answer for: a user changes the call, not Node.
  if (!best || isNodeCode(best.frame)) return null;
  // Some tiers leave inlined code without its inlined frame (Node 22's CPU profiles do): the host's
  // samples on lines where the callee was sampled as a frame of its own are the callee's.
  let moved = 0;
  for (const line of best.lines) moved += samples.hostLines.get(line) ?? 0;
  const calleeSamples = best.samples + moved;
  const hostSamples = samples.host - moved;
  const calleesSamples = ranked.reduce((sum, c) => sum + c.samples, moved);
  if (
    calleeSamples < MIN_CALLEE_SAMPLES ||
    calleeSamples < MIN_CALLEE_OVER_HOST * hostSamples ||
    calleeSamples < MIN_CALLEE_SHARE * calleesSamples
  )
    return null;
  // Where the callee ran as a frame of its own (before it was inlined, or after a deopt) the allocation
  // profile names it: the host must hold more than the callee does, or the host's bytes are its own.
  // A callee never seen allocating as a frame of its own may be pure computation the host calls (not
  // inlined, allocating nothing) while the host allocates: name it only on evidence that it allocates.
  const bytes = hostAndCalleeBytes(alloc, host, best.frame);
  if (bytes.host <= bytes.callee || bytes.calleeAnywhere < MIN_CALLEE_OWN_BYTES * bytes.host) return null;
  const { functionName, url, line, column } = best.frame;
  return { callee: { functionName, url, line, column }, host, calleeSamples, hostSamples };
}

interface HostSamples {
  /** Samples in the host itself. */
  host: number;
  /** The host's own samples by source line (1-based). */
  hostLines: Map<number, number>;
  /** The host's JavaScript callees: their samples, and the lines they were sampled at. */
  callees: Map<string, { frame: Frame; samples: number; lines: Set<number> }>;
}

/** Self samples of the host and of its direct JavaScript callees over all CPU profiles. */
function samplesUnder(host: Frame, cpu: readonly Protocol.Profiler.Profile[]): HostSamples {
  const result: HostSamples = { host: 0, hostLines: new Map(), callees: new Map() };
  for (const profile of cpu) {
    const hostIds = new Set<number>();
    for (const node of profile.nodes) {
      if (!sameFunction(frameOf(node.callFrame), host)) continue;
      hostIds.add(node.id);
      result.host += node.hitCount ?? 0;
      for (const { line, ticks } of node.positionTicks ?? [])
        result.hostLines.set(line, (result.hostLines.get(line) ?? 0) + ticks);
    }
    const calleeIds = new Set<number>();
    for (const node of profile.nodes)
      if (hostIds.has(node.id)) for (const child of node.children ?? []) calleeIds.add(child);
    for (const node of profile.nodes) {
      const frame = frameOf(node.callFrame);
      if (!calleeIds.has(node.id) || frame.url === '' || sameFunction(frame, host)) continue;
      const key = functionKey(frame);
      const entry = result.callees.get(key) ?? { frame, samples: 0, lines: new Set<number>() };
      entry.samples += node.hitCount ?? 0;
      for (const { line } of node.positionTicks ?? []) entry.lines.add(line);
      result.callees.set(key, entry);
    }
  }
  return result;
}

/** A CDP call frame (0-based) as a 1-based frame. */
function frameOf(callFrame: Protocol.Runtime.CallFrame): Frame {
  return {
    functionName: callFrame.functionName,
    url: callFrame.url,
    line: callFrame.lineNumber + 1,
    column: callFrame.columnNumber + 1,
  };
}

/**
 * Bytes the allocation profile puts in the host itself (with its builtins), under the callee called from
 * the host, and in the callee (with its builtins) wherever it was called from.
 */
function hostAndCalleeBytes(
  alloc: ProfileModel,
  host: Frame,
  callee: Frame,
): { host: number; callee: number; calleeAnywhere: number } {
  const space = Math.max(0, valueIndexOf(alloc, 'space'));
  const owner = new Int32Array(alloc.nodes.count).fill(-1); // 0: host (or its builtins), 1: the callee
  const result = { host: 0, callee: 0, calleeAnywhere: 0 };
  const isCallee = new Uint8Array(alloc.nodes.count);
  for (let i = 0; i < alloc.nodes.count; i++) {
    const frame = alloc.frames[alloc.nodes.frame[i]!]!;
    const parent = alloc.nodes.parent[i]!;
    const above = parent >= 0 ? owner[parent]! : -1;
    if (sameFunction(frame, host)) owner[i] = 0;
    else if (above === 0 && sameFunction(frame, callee)) owner[i] = 1;
    else if (above === 1 || (above === 0 && frame.url === '')) owner[i] = above;
    const bytes = alloc.nodes.self[space]![i]!;
    if (sameFunction(frame, callee)) isCallee[i] = 1;
    if (isCallee[i] === 1 || (frame.url === '' && parent >= 0 && isCallee[parent] === 1))
      result.calleeAnywhere += bytes;
    if (owner[i] === 0) result.host += bytes;
    else if (owner[i] === 1) result.callee += bytes;
  }
  return result;
}

/** One function at its place; a `file://` url and a path name the same script (the profilers differ). */
export function sameFunction(a: Frame, b: Frame): boolean {
  return functionKey(a) === functionKey(b);
}

function functionKey(frame: Frame): string {
  return `${frame.functionName}\0${frame.url.replace(/^file:\/\//, '')}\0${frame.line}\0${frame.column}`;
}
