/**
 * The recording's loop: collect a snapshot every interval (aligned, so it does not drift), rotate the
 * profiles every window, and tell frozen, exiting and lost targets apart when a collection fails.
 */
import { AgentGoneError } from '../agent/agent-client';
import { orphanAfterForRecording } from '../agent/orphan-after';
import type { Finish, RecordingState } from './recording-state';
import { write, writeEvent, writeProfiles } from './recording-state';
import { TimeoutError, withTimeout } from './with-timeout';
import { profileWindowMs } from './profile-windows';

/** Rotating a window's profiles must not hide a frozen target for long: a rotation this slow means one. */
const ROTATE_TIMEOUT_MS = 10_000;
/** Who a rotation's timeout names: one such timeout is enough to call the target frozen. */
const PROFILER = 'the profiler';
/** Collections in a row that get no answer before the target counts as frozen. */
const UNANSWERED_LIMIT = 2;

/** Ends the windows that are due and starts their next ones; CPU and allocation windows end apart. */
async function rotateDueProfiles(state: RecordingState): Promise<void> {
  for (const kind of ['cpu', 'heap'] as const) {
    const sampler = state.link[kind];
    const window = state.windows[kind];
    if (!sampler || Date.now() - window.start < profileWindowMs(state.options, window.index, kind)) continue;
    window.start = Date.now();
    window.index++;
    writeProfiles(state, await withTimeout(sampler.rotate(), ROTATE_TIMEOUT_MS, PROFILER));
  }
}

/** Collects one snapshot now, then schedules the next unless the recording is finishing. */
export async function collectOnce(state: RecordingState, finish: Finish): Promise<void> {
  const current = state.link;
  try {
    const snapshot = await withTimeout(current.agent.collect(), state.collectTimeoutMs, 'the target');
    state.unanswered = 0;
    write(state, { type: 'snapshot', snapshot });
    state.snapshots++;
    state.last = snapshot;
    const progress = {
      elapsedMs: Date.now() - state.startedAt,
      snapshots: state.snapshots,
      last: state.last,
    };
    for (const listener of state.listeners) listener(progress);
    await rotateDueProfiles(state);
  } catch (error) {
    if (state.finishing) return;
    // A closed connection is the close handler's to deal with (it reconnects once, or ends).
    if (!current.session.isOpen() || current !== state.link) return;
    if (error instanceof AgentGoneError) {
      // It leaves by itself when nobody collects for a while (a stopped recorder); carrying on would
      // only repeat this failure.
      const waitS = orphanAfterForRecording(state.options.intervalMs) / 1000;
      void finish(
        'error',
        `the agent was removed from the target (it leaves by itself after ${waitS} s without a collection: was the recorder stopped?)`,
      );
      return;
    }
    if (isExiting(error)) {
      state.exiting = true;
      void finish('target-exited');
      return;
    }
    if (
      error instanceof TimeoutError &&
      (error.what === PROFILER || ++state.unanswered >= UNANSWERED_LIMIT)
    ) {
      state.frozen = true;
      void finish('error', 'the target stopped answering (is it frozen or stopped?)');
      return;
    }
    writeEvent(
      state,
      'warning',
      `a collection failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (!state.finishing) scheduleCollection(state, finish);
}

/** Schedules the next collection, or finishes when the planned duration is over. */
export function scheduleCollection(state: RecordingState, finish: Finish): void {
  const { options } = state;
  const elapsed = Date.now() - state.startedAt;
  if (options.durationMs !== null && elapsed >= options.durationMs) {
    void finish('duration');
    return;
  }
  // Aim at the next multiple of the interval so collections do not drift.
  const delay = options.intervalMs - (elapsed % options.intervalMs);
  state.timer = setTimeout(() => void collectOnce(state, finish), delay);
}

/**
 * True for the error a collection gets once the target has begun to exit: its JavaScript context is
 * destroyed, and Node keeps the process ("Waiting for the debugger to disconnect...") until we leave.
 */
function isExiting(error: unknown): boolean {
  return (
    error instanceof Error &&
    /Cannot find context with specified id|Execution context was destroyed/.test(error.message)
  );
}
