/**
 * The `.cpuprofile` of Node 10 and Chrome before 58 (v8-profiler, `console.profile` exports): one nested
 * `head` tree instead of a `nodes` list, `startTime`/`endTime` in seconds and absolute sample
 * `timestamps` in µs instead of `timeDeltas`. A node holds its call frame's fields itself (older) or in
 * `callFrame`. Converted to today's `Profiler.Profile` and read as one, as DevTools does.
 */
import type { Protocol } from 'devtools-protocol';
import { importCpuProfile, isCallFrame } from './cpuprofile';
import { ImportError } from './import-error';
import type { ProfileSet } from './profile-set';

/** A node of the `head` tree (fields read loosely: files vary by the tool that wrote them). */
interface OldNode {
  id?: unknown;
  callFrame?: unknown;
  functionName?: unknown;
  scriptId?: unknown;
  url?: unknown;
  lineNumber?: unknown;
  columnNumber?: unknown;
  hitCount?: unknown;
  children?: unknown;
}

interface OldProfile {
  head: OldNode;
  startTime: number;
  endTime: number;
  samples?: unknown;
  timestamps?: unknown;
}

/** True when `raw` is a head-tree CPU profile: a `head` node with children, numeric start and end times. */
export function isOldCpuProfile(raw: unknown): raw is OldProfile {
  if (typeof raw !== 'object' || raw === null) return false;
  const profile = raw as Partial<OldProfile>;
  return (
    typeof profile.head === 'object' &&
    profile.head !== null &&
    Array.isArray(profile.head.children) &&
    typeof profile.startTime === 'number' &&
    typeof profile.endTime === 'number'
  );
}

/** The CPU model of a head-tree `.cpuprofile`; throws an ImportError naming what is broken. */
export function importOldCpuProfile(old: OldProfile): ProfileSet {
  const nodes: Protocol.Profiler.ProfileNode[] = [];
  const usedIds = new Set<number>();
  let nextId = 1;
  const convert = (node: OldNode): number => {
    const callFrame = callFrameOf(node);
    if (!callFrame) throw new ImportError(`.cpuprofile (head tree): node ${nodes.length} has no call frame`);
    const id = typeof node.id === 'number' && !usedIds.has(node.id) ? node.id : freshId();
    usedIds.add(id);
    const converted: Protocol.Profiler.ProfileNode = { id, callFrame, children: [] };
    if (typeof node.hitCount === 'number') converted.hitCount = node.hitCount;
    nodes.push(converted);
    const children = Array.isArray(node.children) ? (node.children as OldNode[]) : [];
    converted.children = children.map(convert);
    return id;
  };
  const freshId = (): number => {
    while (usedIds.has(nextId)) nextId++;
    return nextId;
  };
  convert(old.head);
  const samples = Array.isArray(old.samples) ? (old.samples as number[]) : [];
  const timestamps = Array.isArray(old.timestamps) ? (old.timestamps as number[]) : [];
  // Seconds then, µs now; the samples' own timestamps (µs) are the better clock when present.
  const startTime = timestamps[0] ?? old.startTime * 1e6;
  const endTime = Math.max(old.endTime * 1e6, timestamps.at(-1) ?? 0);
  const timeDeltas = timestamps.map((time, i) => time - (i === 0 ? startTime : timestamps[i - 1]!));
  return importCpuProfile({
    nodes,
    startTime,
    endTime: timestamps.length > 0 ? Math.max(endTime, startTime) : endTime,
    samples: timestamps.length === samples.length ? samples : [],
    timeDeltas: timestamps.length === samples.length ? timeDeltas : [],
  });
}

function callFrameOf(node: OldNode): Protocol.Runtime.CallFrame | undefined {
  if (isCallFrame(node.callFrame)) return node.callFrame;
  if (typeof node.functionName !== 'string') return undefined;
  return {
    functionName: node.functionName,
    scriptId: String(node.scriptId ?? '0'),
    url: typeof node.url === 'string' ? node.url : '',
    lineNumber: typeof node.lineNumber === 'number' ? node.lineNumber : 0,
    columnNumber: typeof node.columnNumber === 'number' ? node.columnNumber : 0,
  };
}
