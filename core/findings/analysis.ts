/** The contract every analysis implements: a pure function from a recorded session to its findings. */
import type { AgentSnapshot } from '../agent-protocol';
import type { Frame } from '../frame';
import type { SessionProfiles } from '../profile/session-profiles';
import type { Session } from '../session/session';
import type { Finding } from './finding';

/** What the caller knows beyond the session itself (the models that compute it live in other modules). */
export interface AnalysisContext {
  /** The heaviest call stack of the busiest CPU window, innermost frame first (`heaviest-stack.ts`). */
  hotStack?: Frame[];
  /** The session's CPU and allocation windows as models (built from the session when absent). */
  profiles?: SessionProfiles;
}

/** One analysis: reads the session, returns zero or more findings of its kind. Never mutates the session. */
export type Analysis = (session: Session, context: AnalysisContext) => Finding[];

/** A value sampled at `t`, ms since the session's start (the shape of `EvidenceSeries.points`). */
export interface TimedValue {
  t: number;
  v: number;
}

/** Milliseconds since the session's start for a wall-clock time `time` (ms since the epoch). */
export function sinceStartMs(session: Session, time: number): number {
  return time - session.header.createdAt;
}

/** Each snapshot with its time since the session's start, in time order. */
export function timedSnapshots(session: Session): { t: number; snapshot: AgentSnapshot }[] {
  return session.snapshots.map((snapshot) => ({ t: sinceStartMs(session, snapshot.time), snapshot }));
}

/** One value per snapshot, timed since the session's start. */
export function snapshotPoints(session: Session, value: (snapshot: AgentSnapshot) => number): TimedValue[] {
  return session.snapshots.map((snapshot) => ({
    t: sinceStartMs(session, snapshot.time),
    v: value(snapshot),
  }));
}
