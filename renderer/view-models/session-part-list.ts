/**
 * The processes and threads of the session on screen, one {@link PartData} each, the header's target
 * first: a file's parts (core's `sessionParts`), or a live recording's target and the sources it
 * records. A one-process session has one part. Pure.
 */
import type { AgentSnapshot } from '../../core/agent-protocol';
import type { LiveSource } from '../../core/bridge/contract';
import type { SourceEndRecord, SourceRecord } from '../../core/session/records';
import type { Session } from '../../core/session/session';
import { MAIN_PART_ID, mainPartLabel, sessionParts } from '../../core/session/session-parts';

export interface PartData {
  /** `main` for the header's target, else its source id (`p4243`, `p4242.t1`), in files and live alike. */
  id: string;
  /** `primary (pid 4242)`, `worker 2 of 4`, `thread 1 (resize.js)`. */
  label: string;
  kind: SourceRecord['kind'];
  pid: number;
  /** 0 for a process's main thread. */
  threadId: number;
  /** When it stopped being recorded before the session did (ms since the epoch), and why. */
  ended: { time: number; reason: SourceEndRecord['reason'] } | null;
  /** In time order. */
  snapshots: readonly AgentSnapshot[];
  /** The part as a one-process session: an opened file's; null while recording. */
  session: Session | null;
}

const cache = new WeakMap<Session, PartData[]>();

/** The parts of an opened session, built once per session (views select them on every render). */
export function partsOfSession(session: Session): PartData[] {
  let parts = cache.get(session);
  if (!parts) {
    parts = sessionParts(session).map(({ endedEarly: end, ...part }) => ({
      id: part.id,
      label: part.label,
      kind: part.kind,
      pid: part.pid,
      threadId: part.threadId,
      ended: end ? { time: end.time, reason: end.reason } : null,
      snapshots: part.session.snapshots,
      session: part.session,
    }));
    cache.set(session, parts);
  }
  return parts;
}

/** The parts of a live recording: its target (`pid`) with `snapshots`, then each source with its own. */
export function partsOfLive(
  pid: number,
  snapshots: readonly AgentSnapshot[],
  sources: readonly LiveSource[],
  sourceSnapshots: Readonly<Record<string, readonly AgentSnapshot[]>>,
): PartData[] {
  const main: PartData = {
    id: MAIN_PART_ID,
    label: mainPartLabel(pid, sources),
    kind: 'process',
    pid,
    threadId: 0,
    ended: null,
    snapshots,
    session: null,
  };
  return [
    main,
    ...sources.map((source) => ({
      id: source.id,
      label: source.label,
      kind: source.kind,
      pid: source.pid,
      threadId: source.threadId,
      ended: source.ended,
      snapshots: sourceSnapshots[source.id] ?? [],
      session: null,
    })),
  ];
}
