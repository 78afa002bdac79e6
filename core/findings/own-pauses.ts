/**
 * Moments when Hyperscope itself held the target's event loop: installing the agent (at the session's
 * start), starting a profiler and ending a profile window (V8 builds the profile on the main thread). A stall measured across
 * one of these is partly ours, so analyses of event-loop delay leave those intervals out.
 */
import type { Session } from '../session/session';

/** Times of our own pauses, ms since the epoch. */
export function ownPauseTimes(session: Session): number[] {
  return [
    session.header.createdAt,
    ...[...session.cpuProfiles, ...session.allocProfiles].flatMap(({ meta }) => [
      meta.startTime,
      meta.endTime,
    ]),
  ];
}

/**
 * For each snapshot, whether its interval — from the previous snapshot (or the session's start) to its
 * own time — holds one of our pauses.
 */
export function intervalsWithOwnPause(session: Session): boolean[] {
  const pauses = ownPauseTimes(session);
  let from = session.header.createdAt - 1;
  return session.snapshots.map((snapshot) => {
    const ours = pauses.some((time) => time > from && time <= snapshot.time);
    from = snapshot.time;
    return ours;
  });
}
