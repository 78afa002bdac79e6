/**
 * A `Session` holding only snapshots, so that core's session analyses (TLS summaries, …) also run on the
 * live snapshots of a recording in progress. The header says what is not known.
 */
import type { AgentSnapshot } from '../../core/agent-protocol';
import { SESSION_SCHEMA } from '../../core/session/records';
import type { Session } from '../../core/session/session';

export function sessionOfSnapshots(snapshots: readonly AgentSnapshot[], startTime: number): Session {
  return {
    header: {
      type: 'header',
      schema: SESSION_SCHEMA,
      hyperscope: 'live',
      createdAt: startTime,
      target: { pid: 0, nodeVersion: '', argv: [], attachedBy: 'pid' },
      options: { intervalMs: 1000, durationMs: null, cpu: false, heap: false, promises: false },
    },
    snapshots: [...snapshots],
    marks: [],
    events: [],
    cpuProfiles: [],
    allocProfiles: [],
    end: null,
    truncated: false,
    warnings: [],
  };
}
