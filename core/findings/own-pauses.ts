/**
 * Moments when Hyperscope itself held the target's event loop: installing the agent (at the session's
 * start), starting a profiler and ending a profile window (V8 builds the profile on the main thread). A stall measured across
 * one of these is partly ours, so analyses of event-loop delay leave those intervals out — unless the
 * collection caught the service's own code holding the loop (`delayMayBeOurs`).
 */
import type { Session } from '../session/session';

/** A loop not turned for this long at collection time was caught held (the agent's blocked-stack threshold), ms. */
export const CAUGHT_HELD_MS = 100;

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

/**
 * For each snapshot, whether its event-loop delay may be ours: its interval holds one of our pauses and
 * its collection did not find the loop held. The recorder sends one command at a time, so a collection
 * runs only once our pause is over: a loop still not turning then is held by the service's code (the
 * agent took its stack), our pause, run as an interrupt on top of it, only lengthened it a little.
 * Leaving such an interval out lost a 3 s block whose middle held a profile window's end (in-process,
 * under load): the block was caught in two snapshots instead of three.
 */
export function delayMayBeOurs(session: Session): boolean[] {
  const withPause = intervalsWithOwnPause(session);
  return session.snapshots.map(
    (snapshot, i) => withPause[i]! && (snapshot.eventLoop.blockedForMs ?? 0) < CAUGHT_HELD_MS,
  );
}
