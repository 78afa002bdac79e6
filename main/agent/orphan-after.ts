/**
 * How long an agent waits without hearing from its client before it removes itself (`orphanAfterMs`):
 * long enough that no living client is ever taken for dead, short enough that a recorder killed with
 * `kill -9` does not leave its hooks in the target for long.
 */

/** The shortest wait, ms: a loaded machine or a debugger pause must not pass for a dead client. */
export const MIN_ORPHAN_AFTER_MS = 30_000;

/**
 * Overrides every wait, ms. For tests only (a real recorder is killed, then the test waits this long,
 * not 30 s); documented in docs/reliability.md.
 */
export const ORPHAN_AFTER_ENV = 'HYPERSCOPE_AGENT_ORPHAN_AFTER_MS';

/** A recording collects every `intervalMs`: ten intervals unheard, and at least 30 s. */
export function orphanAfterForRecording(intervalMs: number): number {
  return overridden() ?? Math.max(MIN_ORPHAN_AFTER_MS, 10 * intervalMs);
}

/** `chains` is silent while it waits `waitMs`: 30 s more than that. */
export function orphanAfterForWait(waitMs: number): number {
  return overridden() ?? waitMs + MIN_ORPHAN_AFTER_MS;
}

function overridden(): number | undefined {
  const value = Number(process.env[ORPHAN_AFTER_ENV]);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}
