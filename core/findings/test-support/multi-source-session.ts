/**
 * Sessions of several processes or threads for tests: a header target's session with other sessions
 * (from `session-builder.ts`) added as its sources, as the session reader would assemble them.
 */
import type { AgentSnapshot, PoolOrigin } from '../../agent-protocol';
import type { SourceEndRecord, SourceRecord } from '../../session/records';
import type { Session } from '../../session/session';
import { BOUNDED_UPSTREAM, buildSession, TEST_START_TIME } from './session-builder';

/** One more process or thread: its record's fields (id, label, pid, …) and what it recorded. */
export interface TestSource {
  info: Omit<SourceRecord, 'type' | 'nodeVersion' | 'argv' | 'time'> & Partial<SourceRecord>;
  session: Session;
  end?: Omit<SourceEndRecord, 'type' | 'source'>;
}

/** The record fields of thread 1 of process `p<pid>`, running resize.js: id `p<pid>.t1`. */
export function resizeThreadInfo(pid: number): TestSource['info'] {
  const parent = `p${pid}`;
  return { id: `${parent}.t1`, kind: 'thread', pid, threadId: 1, parent, label: 'thread 1 (resize.js)' };
}

/** `main` with `sources` beside it; each source's profile ids get its id as a prefix, as writers do. */
export function withSources(main: Session, sources: readonly TestSource[]): Session {
  return {
    ...main,
    sources: sources.map(({ info, session, end }) => ({
      info: {
        type: 'source',
        nodeVersion: session.header.target.nodeVersion,
        argv: session.header.target.argv,
        time: TEST_START_TIME,
        ...info,
      },
      end: end ? { type: 'source-end', source: info.id, ...end } : null,
      snapshots: session.snapshots,
      events: session.events.map((event) => ({ ...event, source: info.id })),
      cpuProfiles: session.cpuProfiles.map((w) => ({ ...w, meta: prefixed(w.meta, info.id) })),
      allocProfiles: session.allocProfiles.map((w) => ({ ...w, meta: prefixed(w.meta, info.id) })),
    })),
  };
}

function prefixed<M extends { id: string }>(meta: M, source: string): M & { source: string } {
  return { ...meta, id: `${source}/${meta.id}`, source };
}

/** A cluster primary: no requests, no pools, a quiet loop (it only hands connections to its workers). */
export function idlePrimary(snapshots: number): Session {
  return buildSession({ snapshots }, (snapshot: AgentSnapshot) => {
    snapshot.pools = [];
    snapshot.peers = [];
    snapshot.sockets = { connecting: 0, open: 1, idle: 0, destroyedReferenced: 0, total: 1 };
    snapshot.http = { inFlight: 0, completed: 0, errors: 0 };
    snapshot.eventLoop = { delayP50Ms: 1, delayP99Ms: 2, delayMaxMs: 3, utilization: 0.01 };
  });
}

/** A worker whose bounded pool (10 sockets) is full from the 3rd snapshot on, its queue growing by 6/s. */
export function poolStarvedWorker(snapshots: number, seed = 2): Session {
  return buildSession({ snapshots, seed }, (snapshot, step) => {
    const pool = snapshot.pools.find((p: PoolOrigin) => p.origin === BOUNDED_UPSTREAM)!;
    pool.maxSockets = 10;
    pool.inUse = Math.min(pool.inUse, 10);
    if (step.index >= 2) {
      pool.inUse = 10;
      pool.idle = 0;
      pool.queued = (step.index - 1) * 6;
    } else pool.queued = 0;
  });
}
