/**
 * A session as read back from its file: the records of `records.ts`, gathered by kind.
 * Built by the session assembler (`session-assembler.ts`, fed by main/session/read-session-file.ts);
 * immutable once built.
 */
import type { Protocol } from 'devtools-protocol';
import type { AgentSnapshot } from '../agent-protocol';
import type { PackedModel } from '../profile/packed-model';
import type { HeapGrowth } from '../retainers/heap-growth';
import type {
  AllocNode,
  EndRecord,
  EventRecord,
  HeaderRecord,
  MarkRecord,
  ProfileBeginRecord,
  SourceEndRecord,
  SourceMapV3,
  SourceRecord,
} from './records';

/** A CPU profile of one window, reassembled from its streamed parts. */
export interface CpuProfileWindow {
  meta: ProfileBeginRecord;
  /**
   * The profile as CDP's `Profiler.stop` returned it (`startTime`/`endTime`/`timeDeltas` in µs). With
   * `packed` set, its times only: `nodes`, `samples` and `timeDeltas` are empty.
   */
  profile: Protocol.Profiler.Profile;
  /**
   * The window's model, built on the Node side and packed, in a session sent to the UI in place of the raw
   * profile (`core/profile/pack-session.ts`); read the window's model with `cpuWindowModels`.
   */
  packed?: PackedWindow;
}

/** A CPU window's model as the UI receives it, and the agent's script ids its raw profile named. */
export interface PackedWindow {
  model: PackedModel;
  /** CDP script ids of Hyperscope's agent in the raw profile (the other windows' models need them). */
  agentScripts: string[];
}

/** An allocation-sampling profile of one window, reassembled from its streamed parts. */
export interface AllocProfileWindow {
  meta: ProfileBeginRecord;
  /** Flattened nodes (`parent` 0 for the root). */
  nodes: AllocNode[];
  /** `size` in bytes, as V8 scaled it. */
  samples: { size: number; nodeId: number; ordinal: number }[];
}

/**
 * What was recorded of one process or thread other than the header's target (see {@link SourceRecord}):
 * the same kinds of data as the session's own, kept apart.
 */
export interface SourceData {
  info: SourceRecord;
  /** Null while it was still recorded at the end of the session. */
  end: SourceEndRecord | null;
  /** In time order. */
  snapshots: AgentSnapshot[];
  events: EventRecord[];
  cpuProfiles: CpuProfileWindow[];
  allocProfiles: AllocProfileWindow[];
  /** Heap growth between its heap snapshots (`--retainers`), in time order; absent without. */
  heapGrowth?: HeapGrowth[];
}

export interface Session {
  header: HeaderRecord;
  /**
   * The other processes and threads recorded in this file, in the order they appeared; empty for a
   * one-process session. The fields below (snapshots, profiles, events) are the header's target's only;
   * `core/session/session-parts.ts` splits a session into one {@link Session} per source.
   */
  sources: SourceData[];
  /** In time order. */
  snapshots: AgentSnapshot[];
  marks: MarkRecord[];
  events: EventRecord[];
  cpuProfiles: CpuProfileWindow[];
  allocProfiles: AllocProfileWindow[];
  /** Heap growth between its heap snapshots (`--retainers`), in time order; absent without. */
  heapGrowth?: HeapGrowth[];
  /** The `end` record; null when the recorder or target died before writing it. */
  end: EndRecord | null;
  /** True when the file stopped in the middle of a record (a killed recorder); what came before is kept. */
  truncated: boolean;
  /** What the reader noticed and worked around (an unfinished profile, unknown record types, …). */
  warnings: string[];
  /**
   * Inline source maps of the scripts the profiles name, by script url (`source-map` records): the maps
   * of code a loader compiled in memory. Absent when the file carries none.
   */
  sourceMaps?: ReadonlyMap<string, SourceMapV3>;
}

/** Wall-clock span of the session, ms: from the header to the end record or the last snapshot. */
export function sessionDurationMs(session: Session): number {
  const start = session.header.createdAt;
  const last = session.end?.time ?? session.snapshots.at(-1)?.time ?? start;
  return Math.max(0, last - start);
}
