/**
 * A session of several processes or threads (a cluster, worker threads) split into one one-process
 * {@link Session} per source, so that every analysis written for one process (findings, tables,
 * charts) runs on each as it is, and the report and the app can say which process a finding is about.
 */
import type { EndRecord, SourceEndRecord, SourceRecord } from './records';
import type { Session, SourceData } from './session';

/** One process or thread of a session, as a session of its own. */
export interface SessionPart {
  /** `main` for the header's target; else the {@link SourceRecord} id. */
  id: string;
  /** For people: `pid 4242`, `primary (pid 4242)`, `worker 2 of 4`, `thread 1 (resize.js)`. */
  label: string;
  kind: SourceRecord['kind'];
  pid: number;
  /** 0 for a process's main thread. */
  threadId: number;
  /** The id of the part it belongs to (a worker's primary, a thread's process); null for `main`. */
  parent: string | null;
  /** Its `source-end`: it stopped being recorded before the session did; null otherwise (and for `main`). */
  endedEarly: SourceEndRecord | null;
  /** The part's own data under a header naming it; its `sources` is empty. */
  session: Session;
}

/** The id of the header's own target among a session's parts. */
export const MAIN_PART_ID = 'main';

/** The header's target first, then every other source in the order it appeared. */
export function sessionParts(session: Session): SessionPart[] {
  const main: SessionPart = {
    id: MAIN_PART_ID,
    label: mainLabel(session),
    kind: 'process',
    pid: session.header.target.pid,
    threadId: 0,
    parent: null,
    endedEarly: null,
    session: session.sources.length === 0 ? session : { ...session, sources: [] },
  };
  return [main, ...session.sources.map((data) => partOf(session, data))];
}

function mainLabel(session: Session): string {
  return mainPartLabel(
    session.header.target.pid,
    session.sources.map((s) => s.info),
  );
}

/**
 * The header's target's label among `sources` (a live recording's too): `primary (pid 4242)` beside
 * workers, `main thread (pid 4242)` beside threads, else `pid 4242`.
 */
export function mainPartLabel(
  pid: number,
  sources: readonly Pick<SourceRecord, 'kind' | 'parent'>[],
): string {
  const hasProcesses = sources.some((s) => s.kind === 'process' && s.parent === undefined);
  const hasThreads = sources.some((s) => s.kind === 'thread' && s.parent === undefined);
  if (hasProcesses) return `primary (pid ${pid})`;
  if (hasThreads) return `main thread (pid ${pid})`;
  return `pid ${pid}`;
}

function partOf(session: Session, data: SourceData): SessionPart {
  const { info } = data;
  return {
    id: info.id,
    label: info.label,
    kind: info.kind,
    pid: info.pid,
    threadId: info.threadId,
    parent: info.parent ?? MAIN_PART_ID,
    endedEarly: data.end,
    session: {
      ...session,
      header: {
        ...session.header,
        target: { ...session.header.target, pid: info.pid, nodeVersion: info.nodeVersion, argv: info.argv },
      },
      sources: [],
      snapshots: data.snapshots,
      events: data.events,
      cpuProfiles: data.cpuProfiles,
      allocProfiles: data.allocProfiles,
      heapGrowth: data.heapGrowth,
      end: data.end
        ? {
            type: 'end',
            time: data.end.time,
            reason: END_REASON[data.end.reason],
            ...(data.end.message ? { message: data.end.message } : {}),
          }
        : session.end,
    },
  };
}

/** A source's early end as its part's own session tells it (its `end` record). */
const END_REASON: Record<SourceEndRecord['reason'], EndRecord['reason']> = {
  exited: 'target-exited',
  lost: 'connection-lost',
  error: 'error',
};
