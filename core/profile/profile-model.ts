/**
 * The profile model: one immutable call tree for CPU and allocation profiles.
 * Data chain: raw CDP profile → builder (`build-*.ts`) → ProfileModel → analyses and view-models.
 * Builders never mutate their input; the model is frozen and its typed arrays are typed read-only.
 */
import type { Frame } from '../frame';
import { AGENT_FRAME_NAME } from './agent-frames';

/**
 * Frames V8 adds that are not code, and `profiler` for Hyperscope's own agent (one frame, see
 * `agent-frames.ts`): kept as frames, told apart by `category`.
 */
export type FrameCategory = 'code' | 'root' | 'idle' | 'program' | 'gc' | 'profiler';

/** An interned frame: `line`/`column` are 1-based (0 when unknown), as in `Frame`. */
export interface ProfileFrame extends Frame {
  readonly category: FrameCategory;
  /** CDP script id, when the profile had one. */
  readonly scriptId?: string;
  /** CDP `ProfileNode.codeType` ('JS' or 'other'), when the profile had one. */
  readonly codeType?: string;
}

/** What one column of node values measures, pprof style (e.g. `{name: 'time', unit: 'microseconds'}`). */
export interface ValueType {
  readonly name: string;
  /** 'count', 'microseconds' or 'bytes'. */
  readonly unit: string;
}

/** A typed array that the type system forbids writing to (typed arrays cannot be frozen at run time). */
export type ReadonlyInt32Array = Readonly<
  Omit<Int32Array, 'set' | 'fill' | 'copyWithin' | 'sort' | 'reverse'>
>;
export type ReadonlyFloat64Array = Readonly<
  Omit<Float64Array, 'set' | 'fill' | 'copyWithin' | 'sort' | 'reverse'>
>;

/**
 * The call-tree nodes as parallel arrays, in depth-first pre-order: a node's parent always has a smaller
 * index and a subtree is the contiguous range `[i, i + subtreeSize)`. Siblings never share a frame.
 */
export interface ProfileNodes {
  readonly count: number;
  /** Index of the parent node; -1 for a root. */
  readonly parent: ReadonlyInt32Array;
  /** Index into `ProfileModel.frames`. */
  readonly frame: ReadonlyInt32Array;
  /** 0 for roots. */
  readonly depth: ReadonlyInt32Array;
  /** `self[v][i]`: the value of type `valueTypes[v]` measured in node `i` itself, in that type's unit. */
  readonly self: readonly ReadonlyFloat64Array[];
}

/** The individual samples, in the order the profiler took them. */
export interface ProfileSamples {
  /** Node index of each sample; -1 when the sample named a node the profile lacks. */
  readonly node: ReadonlyInt32Array;
  /** CPU: µs attributed to the sample; alloc: bytes as V8 reported them (already scaled up). */
  readonly value: ReadonlyFloat64Array;
}

export interface ProfileModel {
  readonly kind: 'cpu' | 'alloc' | 'folded';
  readonly frames: readonly ProfileFrame[];
  readonly nodes: ProfileNodes;
  readonly valueTypes: readonly ValueType[];
  /** Indices of the root nodes (CDP's `(root)` is dropped unless it has self values of its own). */
  readonly roots: ReadonlyInt32Array;
  /** Time the profile covers, µs: CPU profiles, and a session's merged allocation windows. */
  readonly durationUs?: number;
  /** CPU: sampling interval in µs; alloc: sampling interval in bytes; when known. */
  readonly samplingInterval?: number;
  readonly samples?: ProfileSamples;
}

/** The index of the value type named `name` (e.g. 'time'), or -1. */
export function valueIndexOf(model: ProfileModel, name: string): number {
  return model.valueTypes.findIndex((type) => type.name === name);
}

/**
 * True for frames that are not the service's code: V8's (root), (idle), (program), (garbage collector),
 * and (hyperscope agent), so that findings never cite the profiler as the culprit.
 */
export function isSystemFrame(frame: ProfileFrame): boolean {
  return frame.category !== 'code';
}

/** The category V8's special function names stand for. */
export function frameCategoryOf(functionName: string, url: string): FrameCategory {
  if (url !== '') return 'code';
  switch (functionName) {
    case '(root)':
      return 'root';
    case '(idle)':
      return 'idle';
    case '(program)':
      return 'program';
    case '(garbage collector)':
      return 'gc';
    case AGENT_FRAME_NAME:
      return 'profiler';
    default:
      return 'code';
  }
}

/** The label a frame shows: its function name, or `(anonymous)`. */
export function frameLabel(frame: Frame): string {
  return frame.functionName || '(anonymous)';
}
