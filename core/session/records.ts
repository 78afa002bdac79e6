/**
 * Session file v1: newline-delimited JSON, one record per line, appended and flushed while recording
 * so that a killed recorder or target leaves a file readable up to its last complete line.
 * The spec is `docs/session-format.md`; the JSON Schema is `docs/session-format.schema.json`.
 * Times are ms since the epoch unless a name says otherwise.
 */
import type { AgentSnapshot } from '../agent-protocol';
import type { HeapGrowth } from '../retainers/heap-growth';
import type { Protocol } from 'devtools-protocol';

export const SESSION_SCHEMA = 'hyperscope.session/1';

/** What was attached to. */
export interface TargetInfo {
  pid: number;
  nodeVersion: string;
  argv: string[];
  /**
   * How we got in: 'pid', 'url', 'launch', or 'in-process' (the target recorded itself from a worker
   * thread, `node --require hyperscope/register`, with no inspector port). 'file' only in memory: a
   * profile from another tool opened as a session.
   */
  attachedBy: 'pid' | 'url' | 'launch' | 'in-process' | 'file';
  /** The inspector URL used, if any (none in-process). */
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
  /** Heap snapshots at the start and the end, and what holds the growth (`--retainers`); absent: off. */
  retainers?: boolean;
}

export interface HeaderRecord {
  type: 'header';
  schema: typeof SESSION_SCHEMA;
  /** Version of Hyperscope that wrote the file. */
  hyperscope: string;
  createdAt: number;
  target: TargetInfo;
  options: RecordingOptions;
  /**
   * Present when the file is what a ring recording (`record --ring`) kept: the last `spanMs` or a little
   * more of a recording that began at `recordingStartedAt`. `createdAt` is then where the kept part starts.
   */
  ring?: RingInfo;
}

/** What a ring recording kept (`HeaderRecord.ring`). */
export interface RingInfo {
  /** The ring's span, ms: the file keeps at least this much of the end of the recording. */
  spanMs: number;
  /** When the recording began, ms since the epoch (earlier than `createdAt` once anything was dropped). */
  recordingStartedAt: number;
}

/**
 * Which recorded process or thread a record belongs to: the `id` of a {@link SourceRecord}.
 * Absent on a record of the header's own target (every record of a one-process session).
 */
export interface FromSource {
  source?: string;
}

export interface SnapshotRecord extends FromSource {
  type: 'snapshot';
  snapshot: AgentSnapshot;
}

/**
 * A process or thread recorded beside the header's target, in the same file: a cluster worker of an
 * attached primary, a process under an attached PM2 daemon, or a worker thread of any recorded process.
 * Written when the recorder starts following it (mid-recording for one that appears later); its
 * snapshots, events and profiles then carry `source: id`.
 */
export interface SourceRecord {
  type: 'source';
  /** Unique in the file, e.g. `p4242` (a process) or `p4242.t1` (thread 1 of process 4242). */
  id: string;
  kind: 'process' | 'thread';
  /** Process id as this machine sees it. */
  pid: number;
  /** `worker_threads` threadId; 0 for a process's main thread. */
  threadId: number;
  /** The source this one belongs to (a worker's primary, a thread's process); absent: the header's target. */
  parent?: string;
  /** For people: `worker 2 of 4`, `thread 1 (resize.js)`, `app api (pm2 id 3)`. */
  label: string;
  /** `process.version` of the source, e.g. `v22.23.0`. */
  nodeVersion: string;
  /** Command line of a process; a worker thread's script and argv. */
  argv: string[];
  /** When the recorder started following it, ms since the epoch. */
  time: number;
}

/** A source that stopped being recorded before the end of the session (it exited, or was lost). */
export interface SourceEndRecord {
  type: 'source-end';
  /** The `id` of its {@link SourceRecord}. */
  source: string;
  time: number;
  reason: 'exited' | 'lost' | 'error';
  message?: string;
}

/** A moment the user marked. */
export interface MarkRecord {
  type: 'mark';
  time: number;
  label: string;
}

/** Something the recorder wants the reader to know (target exited, a collection failed, …). */
export interface EventRecord extends FromSource {
  type: 'event';
  time: number;
  level: 'info' | 'warning' | 'error';
  message: string;
}

/** Opens a profile streamed in parts; `id` ties the parts together. */
export interface ProfileBeginRecord extends FromSource {
  type: 'profile-begin';
  /** Unique in the file across sources (its parts name it); a source's ids carry its id as a prefix. */
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

/**
 * A source map (v3) as decoded from a script's inline `//# sourceMappingURL=data:…` comment; only the
 * fields positions need (`sourcesContent` is left out). The url space is the scripts' own.
 */
export interface SourceMapV3 {
  version: 3;
  /** Original files, resolved against the script's url (or against `sourceRoot` first). */
  sources: (string | null)[];
  names: string[];
  /** VLQ mappings, as the spec writes them. */
  mappings: string;
  sourceRoot?: string;
  file?: string;
}

/**
 * The inline source map of a script the session's profiles name, as V8 saw it: the code a loader
 * compiled in memory (tsx, ts-node) has its map only there, not in the file the url names. Written
 * when the recording ends; one per url (the first wins in a session of several processes).
 */
export interface SourceMapRecord {
  type: 'source-map';
  /** The script's url exactly as profile frames carry it. */
  url: string;
  map: SourceMapV3;
}

/**
 * What the heap gained between a recording's first heap snapshot and a later one (`record --retainers`):
 * the kinds that grew and what holds the new objects, with their paths from the roots. Written at the
 * end of the recording, and whenever a snapshot is asked for during it.
 */
export interface HeapGrowthRecord extends FromSource {
  type: 'heap-growth';
  growth: HeapGrowth;
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
  | SourceRecord
  | SourceEndRecord
  | SourceMapRecord
  | HeapGrowthRecord
  | EndRecord;
