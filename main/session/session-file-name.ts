/** The name a session file gets when the user names none: `hyperscope-<pid>-<YYYYMMDD-HHMMSS>.hyperscope`. */

/** `hyperscope-4242-20261207-153012.hyperscope` for pid 4242 at `at` (UTC). */
export function defaultSessionFileName(pid: number, at = new Date()): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `hyperscope-${pid}-${stamp}.hyperscope`;
}
