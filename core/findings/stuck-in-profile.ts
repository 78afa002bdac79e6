/**
 * The stack a blocked loop was caught in, checked against the CPU profile. The agent takes that stack in
 * an inspector interrupt, and V8 serves interrupts only between JavaScript statements: a block spent in
 * one long native call (`JSON.parse` of megabytes, `zlib.gzipSync`, `crypto.pbkdf2Sync`) is caught at
 * the statement after it — `response.end` instead of the `JSON.parse` before it. The CPU profile saw
 * where the time went: where the caught stack leaves the profile's time, its heaviest callees take over.
 */
import type { Frame } from '../frame';
import { plainFrame } from '../profile/allocated-retained';
import { childLists } from '../profile/assemble-model';
import { isSystemFrame, valueIndexOf, type ProfileFrame, type ProfileModel } from '../profile/profile-model';
import { nodeTotals, selfValues } from '../profile/totals';

/**
 * The caught stack leaves the block where a callee on it (or, for its innermost frame, that function's own
 * code) holds less than this share of its caller's CPU time: the block was spent elsewhere in the caller (a
 * native call just returned), not there.
 */
export const LEAVES_BLOCK_RATIO = 0.25;
/** At most this many frames of the profile's heaviest callees replace the caught stack's inner part. */
const MAX_CALLEE_FRAMES = 16;

/** The CPU profile's nodes with what the walks below read of them. */
interface ProfileIndex {
  cpu: ProfileModel;
  total: Float64Array;
  self: ArrayLike<number>;
  /** Time of every sample but idle ones. */
  busy: number;
  childrenOf: (node: number) => Int32Array;
}

/** Built once per profile: a finding weighs every stack caught in a recording against the same one. */
const indexes = new WeakMap<ProfileModel, ProfileIndex>();

function indexOf(cpu: ProfileModel): ProfileIndex {
  const known = indexes.get(cpu);
  if (known) return known;
  const time = Math.max(0, valueIndexOf(cpu, 'time'));
  const children = childLists(cpu.nodes.parent);
  const self = selfValues(cpu, time);
  let busy = 0;
  for (let node = 0; node < cpu.nodes.count; node++)
    if (frameOf(cpu, node).functionName !== '(idle)') busy += self[node]!;
  const index: ProfileIndex = {
    cpu,
    total: nodeTotals(cpu, time),
    self,
    busy,
    childrenOf: (node) => children.list.subarray(children.start[node], children.end[node]),
  };
  indexes.set(cpu, index);
  return index;
}

/**
 * The share of the profile's busy time (idle left out) spent under the deepest node of the caught stack's
 * path in it, 0..1; 0 where the profile does not hold the stack. Many stacks caught in a saturated loop (or
 * on a starved machine) land anywhere along the requests' path; the one most of the time runs through is
 * the one to cite.
 */
export function caughtShare(stuck: readonly Frame[], cpu: ProfileModel): number {
  const index = indexOf(cpu);
  const path = longestPath(index, [...stuck].reverse());
  return path.length > 0 && index.busy > 0 ? index.total[path.at(-1)!]! / index.busy : 0;
}

/**
 * `stuck` (innermost first) with its inner part replaced by the CPU profile's heaviest callees where it
 * leaves the profile's time; `stuck` itself when it stays on the time to its innermost frame, when the
 * profile does not hold its path, or when it holds no callee to say where the time went instead (the
 * profiler could not resolve a loop's frames that ran before it started: its samples sit on the caller).
 */
export function stuckStackInProfile(stuck: readonly Frame[], cpu: ProfileModel | undefined): Frame[] {
  if (!cpu || stuck.length === 0) return [...stuck];
  const index = indexOf(cpu);
  const { total, self } = index;
  const outer = [...stuck].reverse();
  const path = longestPath(index, outer);
  if (path.length === 0) return [...stuck];
  // What holds the time next along the caught stack: the next caught frame; past the innermost, the
  // innermost's own code; nothing where a caught frame was never sampled.
  const next = (i: number): number =>
    i + 1 < path.length ? total[path[i + 1]!]! : path.length < outer.length ? 0 : self[path[i]!]!;
  const leaves = path.findIndex((node, i) => next(i) < total[node]! * LEAVES_BLOCK_RATIO);
  if (leaves < 0 || total[path[leaves]!]! <= 0) return [...stuck];
  const callees = heaviestCallees(index, path[leaves]!);
  if (callees.length === 0) return [...stuck];
  return [...callees.reverse(), plainFrame(frameOf(cpu, path[leaves]!)), ...outer.slice(0, leaves).reverse()];
}

/** The profile's nodes along `outer` (outermost first) from wherever its first frame sits: the deepest such path, then the heaviest. */
function longestPath({ cpu, childrenOf, total }: ProfileIndex, outer: readonly Frame[]): number[] {
  let best: number[] = [];
  for (let start = 0; start < cpu.nodes.count; start++) {
    if (!sameFunction(outer[0]!, frameOf(cpu, start))) continue;
    const path = [start];
    for (let i = 1; i < outer.length; i++) {
      const next = childrenOf(path.at(-1)!).find((child) => sameFunction(outer[i]!, frameOf(cpu, child)));
      if (next === undefined) break;
      path.push(next);
    }
    if (path.length > best.length || (path.length === best.length && total[start]! > total[best[0]!]!))
      best = path;
  }
  return best;
}

/** From `node` into the heaviest code callee, while one holds more than `node` spends in itself; outermost first. */
function heaviestCallees({ cpu, childrenOf, total, self }: ProfileIndex, node: number): Frame[] {
  const callees: Frame[] = [];
  for (let at = node; callees.length < MAX_CALLEE_FRAMES;) {
    let heaviest = -1;
    for (const child of childrenOf(at))
      if (!isSystemFrame(frameOf(cpu, child)) && (heaviest < 0 || total[child]! > total[heaviest]!))
        heaviest = child;
    if (heaviest < 0 || total[heaviest]! <= 0 || total[heaviest]! < self[at]!) break;
    callees.push(plainFrame(frameOf(cpu, heaviest)));
    at = heaviest;
  }
  return callees;
}

function frameOf(cpu: ProfileModel, node: number): ProfileFrame {
  return cpu.frames[cpu.nodes.frame[node]!]!;
}

/**
 * A frame of a JavaScript stack trace and a profile's frame are one function: same script, the trace's
 * name ends in the profile's (a trace says `Server.<anonymous>`, `Buffer.subarray`, `new Foo`, `async
 * run`; a profile `''`, `subarray`, `Foo`, `run`), and the trace's line is not before the function's.
 */
export function sameFunction(traced: Frame, profiled: Frame): boolean {
  if (scriptOf(traced.url) !== scriptOf(profiled.url)) return false;
  if (profiled.line > 0 && traced.line > 0 && traced.line < profiled.line) return false;
  const name = traced.functionName.replace(/^(async |new )/, '');
  const own = name.slice(name.lastIndexOf('.') + 1);
  if (profiled.functionName === '') return own === '<anonymous>' || own === '';
  return name === profiled.functionName || own === profiled.functionName;
}

/** A script's path or URL without its `file://` scheme: stack traces name files by path, profiles by URL. */
function scriptOf(url: string): string {
  return url.startsWith('file://') ? decodeURIComponent(url.slice('file://'.length)) : url;
}
