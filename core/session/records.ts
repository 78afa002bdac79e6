/**
 * Session file v1: newline-delimited JSON, one record per line, appended and flushed while recording
 * so that a killed recorder or target leaves a file readable up to its last complete line.
 * The spec is `docs/session-format.md`; the JSON Schema is `docs/session-format.schema.json`.
 * Times are ms since the epoch unless a name says otherwise.
 */
import type { AgentSnapshot } from '../agent-protocol';
import type { Protocol } from 'devtools-protocol';

export const SESSION_SCHEMA = 'hyperscope.session/1';

/** What was attached to. */
export interface TargetInfo {
  pid: number;
  nodeVersion: string;
  argv: string[];
  /** How we got in: 'pid', 'url' or 'launch'. */
  attachedBy: 'pid' | 'url' | 'launch' | 'file';
  /** The inspector URL used, if any. */
  inspectorUrl?: string;
}

/** The recorder's settings for this session. */
export interface RecordingOptions {
  /** Collection interval, ms. */
  intervalMs: number;
  /** Planned duration, ms; null when stopped by hand. */
  durationMs: number | null;
  cpu: boolean;
  heap: boolean;
  promises: boolean;
  /** CPU sampling interval, µs. */
  cpuSamplingIntervalUs?: number;
  /** Heap sampling interval, bytes. */
  heapSamplingIntervalBytes?: number;
}

export interface HeaderRecord {
  type: 'header';
  schema: typeof SESSION_SCHEMA;
  /** Version of Hyperscope that wrote the file. */
  hyperscope: string;
  createdAt: number;
  target: TargetInfo;
  options: RecordingOptions;
}

export interface SnapshotRecord {
  type: 'snapshot';
  snapshot: AgentSnapshot;
}

/** A moment the user marked. */
export interface MarkRecord {
  type: 'mark';
  time: number;
  label: string;
}

/** Something the recorder wants the reader to know (target exited, a collection failed, …). */
export interface EventRecord {
  type: 'event';
  time: number;
  level: 'info' | 'warning' | 'error';
  message: string;
}

/** Opens a profile streamed in parts; `id` ties the parts together. */
export interface ProfileBeginRecord {
  type: 'profile-begin';
  id: string;
  kind: 'cpu' | 'alloc';
  /** Start and end of the profile's window, ms since the epoch. */
  startTime: number;
  endTime: number;
  /** CPU: sampling interval in µs; alloc: sampling interval in bytes. */
  samplingInterval: number;
  /** alloc only: whether objects collected by GC are included (allocated) or not (still alive). */
  includesCollected?: boolean;
}

/** CPU profile nodes, as `Profiler.ProfileNode`, in chunks of at most a few thousand. */
export interface CpuNodesRecord {
  type: 'profile-cpu-nodes';
  id: string;
  nodes: Protocol.Profiler.ProfileNode[];
}

/** A flattened `HeapProfiler.SamplingHeapProfileNode`: `parent` replaces nesting (0 for the root). */
export interface AllocNode {
  id: number;
  parent: number;
  callFrame: Protocol.Runtime.CallFrame;
  /** Bytes sampled at this node itself. */
  selfSize: number;
}

export interface AllocNodesRecord {
  type: 'profile-alloc-nodes';
  id: string;
  nodes: AllocNode[];
}

/** CPU samples: node ids and the µs between them (CDP's `samples`/`timeDeltas`). */
export interface CpuSamplesRecord {
  type: 'profile-cpu-samples';
  id: string;
  samples: number[];
  timeDeltas: number[];
}

/** Allocation samples: `size` in bytes, `nodeId`, `ordinal` (CDP's `SamplingHeapProfileSample`). */
export interface AllocSamplesRecord {
  type: 'profile-alloc-samples';
  id: string;
  samples: { size: number; nodeId: number; ordinal: number }[];
}

export interface ProfileEndRecord {
  type: 'profile-end';
  id: string;
}

/** The last record of a recording that ended cleanly. */
export interface EndRecord {
  type: 'end';
  time: number;
  reason: 'duration' | 'interrupted' | 'target-exited' | 'connection-lost' | 'error' | 'stopped';
  message?: string;
}

export type SessionRecord =
  | HeaderRecord
  | SnapshotRecord
  | MarkRecord
  | EventRecord
  | ProfileBeginRecord
  | CpuNodesRecord
  | AllocNodesRecord
  | CpuSamplesRecord
  | AllocSamplesRecord
  | ProfileEndRecord
  | EndRecord;
