/**
 * Ends a recording, whatever ended it: saves the last window's profiles when the target still answers,
 * leaves the target as it was (agent detached, inspector closed if we opened it), closes the file.
 */
import { closeInspectorInside } from '../inspector/close-inspector-inside';
import { describeLostTarget } from './describe-lost-target';
import type { EndReason, RecordingResult } from './recording';
import type { RecordingState } from './recording-state';
import { inlineSourceMaps } from './inline-source-maps';
import { inspectorIsOurs, write, writeEvent, writeProfiles } from './recording-state';
import { queueDetach } from './target-link';
import { withTimeout } from './with-timeout';
import { isRingWriter } from '../session/ring-session-writer';
import { finishRetainers, releaseHeapProfiler } from '../retainers/recording-retainers';

/** Asking for the inline source maps waits this long at most; without them, positions stay as they ran. */
const SOURCE_MAPS_TIMEOUT_MS = 10_000;
/** Slow profile transfers (a large heap profile) still finish; a frozen target does not hold us forever. */
const PROFILE_TIMEOUT_MS = 30_000;

/**
 * Finishes once (later calls get the same promise) and resolves with the result; `done` gets the
 * result first (it resolves the recording's `finished`).
 */
export function finishRecording(
  state: RecordingState,
  done: (result: RecordingResult) => void,
  reason: EndReason,
  message?: string,
  beforeEnd?: () => Promise<void>,
): Promise<RecordingResult> {
  state.finishing ??= (beforeEnd ? beforeEnd().catch(() => undefined) : Promise.resolve()).then(() =>
    finishNow(state, done, reason, message),
  );
  return state.finishing;
}

async function finishNow(
  state: RecordingState,
  done: (result: RecordingResult) => void,
  reason: EndReason,
  message: string | undefined,
): Promise<RecordingResult> {
  const { target, writer, link } = state;
  clearTimeout(state.timer);
  const { session } = link;
  if (state.frozen && session.isOpen()) {
    writeEvent(state, 'warning', 'the profiles of the last window were lost: the target did not answer');
    queueDetach(link, inspectorIsOurs(state));
  } else if (session.isOpen()) {
    if (!state.exiting) await finishRetainers(state);
    for (const sampler of [link.cpu, link.heap]) {
      if (!sampler) continue;
      try {
        writeProfiles(state, await withTimeout(sampler.stop(), PROFILE_TIMEOUT_MS, 'the profiler'));
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        writeEvent(state, 'warning', `a profile was lost: ${why}`);
      }
    }
    if (state.options.retainers) await releaseHeapProfiler(session);
    if (!state.exiting) await writeInlineSourceMaps(state);
    if (state.exiting) {
      // Its JavaScript is gone and Node waits for us to disconnect before it exits: let it go.
      await session.close().catch(() => undefined);
      const lost = await describeLostTarget(target);
      message = lost.reason === 'target-exited' ? lost.message : `the target (pid ${target.pid}) exited`;
    } else {
      // The first session's inspector is closed by `target.stop()` when we opened it; a reconnected
      // session is ours to close.
      const closeAfter = state.reconnection !== null && inspectorIsOurs(state);
      await withTimeout(link.agent.detach(), 5000, 'detach')
        .then(() => (closeAfter ? closeInspectorInside(session) : undefined))
        .catch(() => writeEvent(state, 'warning', 'could not detach the agent cleanly'));
    }
  } else if (link.cpu || link.heap) {
    writeEvent(state, 'warning', 'the profiles of the last window were lost with the connection');
  }
  write(state, { type: 'end', time: Date.now(), reason, ...(message ? { message } : {}) });
  try {
    writer.close();
  } catch (error) {
    // A ring is written out only now (`ring-session-writer.ts`): a full disk must not leave us hanging.
    reason = 'error';
    message = `the session file was not written whole: ${error instanceof Error ? error.message : String(error)}`;
  }
  await state.reconnection?.session.close().catch(() => undefined);
  // By PID, `stop()` would ask a frozen target to close its inspector and wait: that is queued already.
  if (state.frozen && target.attachedBy !== 'launch') await target.session.close().catch(() => undefined);
  else await target.stop().catch(() => undefined);
  const result = {
    path: writer.path,
    reason,
    message,
    snapshots: state.snapshots,
    durationMs: Date.now() - state.startedAt,
    ...(isRingWriter(writer) && writer.saved() ? { ring: writer.saved()! } : {}),
  };
  done(result);
  return result;
}

/**
 * Writes the inline source maps of the scripts the profiles name (`inline-source-maps.ts`): code tsx or
 * ts-node compiled in memory is reported at its `.ts` lines only through them. A failure costs the
 * mapping, not the recording.
 */
async function writeInlineSourceMaps(state: RecordingState): Promise<void> {
  try {
    const maps = await withTimeout(
      inlineSourceMaps(state.link.session, state.profiledUrls),
      SOURCE_MAPS_TIMEOUT_MS,
      'the debugger',
    );
    state.writer.writeAll(maps.records);
    if (maps.leftOut > 0)
      writeEvent(state, 'info', `${maps.leftOut} inline source map(s) left out (too large or unreadable)`);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    writeEvent(state, 'warning', `the inline source maps were not read: ${why}`);
  }
}
