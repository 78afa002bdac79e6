/**
 * A `Session` holding only a header and snapshots (no profiles, marks or end), so that core's session
 * analyses also run on snapshots that never went through a file: a recording in progress, a test run.
 */
import type { AgentSnapshot } from '../agent-protocol';
import type { HeaderRecord, TargetInfo } from './records';
import { SESSION_SCHEMA } from './records';
import type { Session } from './session';

/**
 * The session of `snapshots` under `header`. The array is used as is, not copied: a caller that keeps
 * appending to it (live findings) sees the session grow; copy it first to get a fixed session.
 */
export function sessionOfSnapshots(header: HeaderRecord, snapshots: AgentSnapshot[]): Session {
  return {
    header,
    sources: [],
    snapshots,
    marks: [],
    events: [],
    cpuProfiles: [],
    allocProfiles: [],
    end: null,
    truncated: false,
    warnings: [],
  };
}

/** What a header without a known recorder says about itself. */
export interface SnapshotsOnlyHeader {
  /** Who wrote the snapshots, in place of a version ('live', 'test'). */
  hyperscope: string;
  /** ms since the epoch. */
  createdAt: number;
  /** Collection interval, ms. */
  intervalMs: number;
  /** The target, where known; unknown fields are pid 0, nodeVersion '' and attachedBy 'pid'. */
  target?: Partial<Pick<TargetInfo, 'pid' | 'nodeVersion' | 'attachedBy'>>;
}

/** A header for snapshots that no recorder wrote: no profiles, no planned duration, no argv. */
export function snapshotsOnlyHeader(facts: SnapshotsOnlyHeader): HeaderRecord {
  return {
    type: 'header',
    schema: SESSION_SCHEMA,
    hyperscope: facts.hyperscope,
    createdAt: facts.createdAt,
    target: {
      pid: facts.target?.pid ?? 0,
      nodeVersion: facts.target?.nodeVersion ?? '',
      argv: [],
      attachedBy: facts.target?.attachedBy ?? 'pid',
    },
    options: { intervalMs: facts.intervalMs, durationMs: null, cpu: false, heap: false, promises: false },
  };
}
