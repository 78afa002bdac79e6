/** The time charts' x axis: seconds since the start of the recording. */

/**
 * Seconds from `startTime` to `time` (both ms since the epoch), never negative: anything stamped before
 * the start (a snapshot or a mark a moment early) sits at the axis' origin.
 */
export function secondsSince(time: number, startTime: number): number {
  return Math.max(0, (time - startTime) / 1000);
}
