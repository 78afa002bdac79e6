/**
 * A recording: the agent's snapshots every interval plus CPU and allocation profiles in windows,
 * streamed to a session file. It ends by duration, by `stop()`, or by itself when the target exits,
 * freezes or the connection drops — and in every case closes the file with what was recorded.
 */
import type { AgentSnapshot } from '../../core/agent-protocol';
import type { EndRecord, SessionRecord } from '../../core/session/records';
import type { AttachedTarget } from '../inspector/attached-target';
import { createSessionWriter } from '../session/session-writer';
import { closeInspectorInside } from '../inspector/close-inspector-inside';
import type { Reconnection } from './reconnect-target';
import { reconnectTarget } from './reconnect-target';
import type { TargetLink } from './target-link';
import { openTargetLink, queueDetach } from './target-link';
import type { RecordingOptions } from './recording-options';
import { recordingHeader } from './recording-header';
import { TimeoutError, withTimeout } from './with-timeout';
import { describeLostTarget } from './describe-lost-target';

export type EndReason = EndRecord['reason'];

export interface RecordingProgress {
  elapsedMs: number;
  snapshots: number;
  last: AgentSnapshot | null;
}

export interface RecordingResult {
  path: string;
  reason: EndReason;
  /** One line for the user when the recording did not end as asked. */
  message?: string;
  snapshots: number;
  durationMs: number;
}

export interface Recording {
  readonly path: string;
  mark(label: string): void;
  onProgress(listener: (progress: RecordingProgress) => void): () => void;
  /** Stops (idempotent) and resolves when the file is closed and the target left as it was. */
  stop(reason?: EndReason): Promise<RecordingResult>;
  readonly finished: Promise<RecordingResult>;
}

/** Slow profile transfers (a large heap profile) still finish; a frozen target does not hold us forever. */
const PROFILE_TIMEOUT_MS = 30_000;
/** Rotating a window's profiles must not hide a frozen target for long: a rotation this slow means one. */
const ROTATE_TIMEOUT_MS = 10_000;
/** Collections in a row that get no answer before the target counts as frozen. */
const UNANSWERED_LIMIT = 2;

/** How long one collection may take before it counts as unanswered, ms: 2 intervals, at least 2 s. */
export function collectTimeoutFor(
  options: Pick<RecordingOptions, 'intervalMs' | 'collectTimeoutMs'>,
): number {
  return options.collectTimeoutMs ?? Math.max(2000, 2 * options.intervalMs);
}

export async function startRecording(
  target: AttachedTarget,
  options: RecordingOptions,
  version: string,
): Promise<Recording> {
  const startedAt = Date.now();
  const header = recordingHeader(target, options, version, startedAt);
  let link: TargetLink = await openTargetLink(target.session, options);
  header.target.argv = link.agent.hello.argv;
  const writer = createSessionWriter(options.output, header);
  const write = (record: SessionRecord): void => writer.write(record);
  const event = (level: 'info' | 'warning' | 'error', message: string): void =>
    write({ type: 'event', time: Date.now(), level, message });
  if (link.agent.hello.reused) event('info', 'reused the Hyperscope agent already installed in the target');

  const collectTimeoutMs = collectTimeoutFor(options);
  const listeners = new Set<(progress: RecordingProgress) => void>();
  let snapshots = 0;
  let last: AgentSnapshot | null = null;
  let unanswered = 0;
  let frozen = false;
  let exiting = false;
  let reconnection: Reconnection | null = null;
  let windowStart = startedAt;
  let timer: NodeJS.Timeout | undefined;
  let finishing: Promise<RecordingResult> | null = null;
  let resolveFinished!: (result: RecordingResult) => void;
  const finished = new Promise<RecordingResult>((resolve) => (resolveFinished = resolve));

  async function rotateProfiles(): Promise<void> {
    windowStart = Date.now();
    for (const sampler of [link.cpu, link.heap]) {
      if (sampler) writer.writeAll(await withTimeout(sampler.rotate(), ROTATE_TIMEOUT_MS, 'the profiler'));
    }
  }

  async function tick(): Promise<void> {
    const current = link;
    try {
      const snapshot = await withTimeout(current.agent.collect(), collectTimeoutMs, 'the target');
      unanswered = 0;
      write({ type: 'snapshot', snapshot });
      snapshots++;
      last = snapshot;
      const progress = { elapsedMs: Date.now() - startedAt, snapshots, last };
      for (const listener of listeners) listener(progress);
      if (Date.now() - windowStart >= options.profileWindowMs) await rotateProfiles();
    } catch (error) {
      if (finishing) return;
      // A closed connection is the close handler's to deal with (it reconnects once, or ends).
      if (!current.session.isOpen() || current !== link) return;
      if (isExiting(error)) {
        exiting = true;
        void finish('target-exited');
        return;
      }
      const profiler = error instanceof TimeoutError && error.message.startsWith('the profiler');
      if (error instanceof TimeoutError && (profiler || ++unanswered >= UNANSWERED_LIMIT)) {
        frozen = true;
        void finish('error', 'the target stopped answering (is it frozen or stopped?)');
        return;
      }
      event('warning', `a collection failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!finishing) schedule();
  }

  function schedule(): void {
    const elapsed = Date.now() - startedAt;
    if (options.durationMs !== null && elapsed >= options.durationMs) {
      void finish('duration');
      return;
    }
    // Aim at the next multiple of the interval so collections do not drift.
    const delay = options.intervalMs - (elapsed % options.intervalMs);
    timer = setTimeout(() => void tick(), delay);
  }

  function watch(current: TargetLink): void {
    void current.session.closed.then(async (why) => {
      if (why === 'closed-by-us' || finishing) return;
      clearTimeout(timer);
      const lost = await describeLostTarget(target);
      if (lost.reason !== 'connection-lost' || reconnection || finishing) {
        void finish(lost.reason, lost.message);
        return;
      }
      event('warning', 'the inspector connection was closed under the recording; reconnecting once');
      try {
        reconnection = await reconnectTarget(target);
        link = await openTargetLink(reconnection.session, options);
      } catch (error) {
        const now = await describeLostTarget(target);
        const why = error instanceof Error ? error.message : String(error);
        void finish(
          now.reason,
          now.reason === 'target-exited' ? now.message : `${lost.message} and reconnecting failed (${why})`,
        );
        return;
      }
      const agentState = link.agent.hello.reused ? 'agent reused' : 'agent installed again';
      event(
        'info',
        `reconnected to the target (${agentState}); the profiles of the interrupted window are lost`,
      );
      windowStart = Date.now();
      unanswered = 0;
      watch(link);
      if (!finishing) schedule();
    });
  }
  watch(link);

  /** Closes the inspector from inside when Hyperscope opened it (before or while reconnecting). */
  const closeInspector = (): boolean => target.openedByUs || (reconnection?.openedInspector ?? false);

  function finish(reason: EndReason, message?: string): Promise<RecordingResult> {
    finishing ??= (async () => {
      clearTimeout(timer);
      const { session } = link;
      if (frozen && session.isOpen()) {
        event('warning', 'the profiles of the last window were lost: the target did not answer');
        queueDetach(link, closeInspector(), () => closeInspectorInside(session));
      } else if (session.isOpen()) {
        for (const sampler of [link.cpu, link.heap]) {
          if (!sampler) continue;
          try {
            writer.writeAll(await withTimeout(sampler.stop(), PROFILE_TIMEOUT_MS, 'the profiler'));
          } catch (error) {
            event('warning', `a profile was lost: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
        if (exiting) {
          // Its JavaScript is gone and Node waits for us to disconnect before it exits: let it go.
          await session.close().catch(() => undefined);
          const lost = await describeLostTarget(target);
          message = lost.reason === 'target-exited' ? lost.message : `the target (pid ${target.pid}) exited`;
        } else {
          // The first session's inspector is closed by `target.stop()` when we opened it; a reconnected
          // session is ours to close.
          const closeAfter = reconnection !== null && closeInspector();
          await withTimeout(link.agent.detach(), 5000, 'detach')
            .then(() => (closeAfter ? closeInspectorInside(session) : undefined))
            .catch(() => event('warning', 'could not detach the agent cleanly'));
        }
      } else if (link.cpu || link.heap) {
        event('warning', 'the profiles of the last window were lost with the connection');
      }
      write({ type: 'end', time: Date.now(), reason, ...(message ? { message } : {}) });
      writer.close();
      await reconnection?.session.close().catch(() => undefined);
      // By PID, `stop()` would ask a frozen target to close its inspector and wait: that is queued already.
      if (frozen && target.attachedBy !== 'launch') await target.session.close().catch(() => undefined);
      else await target.stop().catch(() => undefined);
      const result = { path: writer.path, reason, message, snapshots, durationMs: Date.now() - startedAt };
      resolveFinished(result);
      return result;
    })();
    return finishing;
  }

  void tick();
  return {
    path: writer.path,
    finished,
    mark(label) {
      if (!finishing) write({ type: 'mark', time: Date.now(), label });
    },
    onProgress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: (reason = 'stopped') => finish(reason),
  };
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
