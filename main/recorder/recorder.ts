/**
 * A recording: the agent's snapshots every interval plus CPU and allocation profiles in windows,
 * streamed to a session file. It ends by duration, by `stop()`, or by itself when the target exits,
 * freezes or the connection drops — and in every case closes the file with what was recorded.
 */
import type { AgentSnapshot } from '../../core/agent-protocol';
import type { EndRecord, HeaderRecord, SessionRecord } from '../../core/session/records';
import { SESSION_SCHEMA } from '../../core/session/records';
import type { AgentClient } from '../agent/agent-client';
import { injectAgent } from '../agent/agent-client';
import type { AttachedTarget } from '../inspector/attached-target';
import { createSessionWriter } from '../session/session-writer';
import { startCpuSampler } from './cpu-sampler';
import { startHeapSampler } from './heap-sampler';
import type { RecordingOptions } from './recording-options';
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

export async function startRecording(
  target: AttachedTarget,
  options: RecordingOptions,
  version: string,
): Promise<Recording> {
  const startedAt = Date.now();
  const header: HeaderRecord = {
    type: 'header',
    schema: SESSION_SCHEMA,
    hyperscope: version,
    createdAt: startedAt,
    target: {
      pid: target.pid,
      nodeVersion: target.nodeVersion,
      argv: [],
      attachedBy: target.attachedBy,
      inspectorUrl: target.inspectorUrl,
    },
    options: {
      intervalMs: options.intervalMs,
      durationMs: options.durationMs,
      cpu: options.cpu,
      heap: options.heap,
      promises: options.promises,
      cpuSamplingIntervalUs: options.cpuSamplingIntervalUs,
      heapSamplingIntervalBytes: options.heapSamplingIntervalBytes,
    },
  };
  const { session } = target;
  const agent: AgentClient = await injectAgent(session);
  header.target.argv = agent.hello.argv;
  const writer = createSessionWriter(options.output, header);
  const write = (record: SessionRecord): void => writer.write(record);
  const event = (level: 'info' | 'warning' | 'error', message: string): void =>
    write({ type: 'event', time: Date.now(), level, message });
  if (agent.hello.reused) event('info', 'reused the Hyperscope agent already installed in the target');

  const cpu = options.cpu ? await startCpuSampler(session, options.cpuSamplingIntervalUs) : null;
  const heap = options.heap ? await startHeapSampler(session, options.heapSamplingIntervalBytes) : null;

  const listeners = new Set<(progress: RecordingProgress) => void>();
  let snapshots = 0;
  let last: AgentSnapshot | null = null;
  let unanswered = 0;
  let windowStart = startedAt;
  let timer: NodeJS.Timeout | undefined;
  let finishing: Promise<RecordingResult> | null = null;
  let resolveFinished!: (result: RecordingResult) => void;
  const finished = new Promise<RecordingResult>((resolve) => (resolveFinished = resolve));

  async function rotateProfiles(): Promise<void> {
    windowStart = Date.now();
    for (const sampler of [cpu, heap]) {
      if (sampler) writer.writeAll(await withTimeout(sampler.rotate(), PROFILE_TIMEOUT_MS, 'the profiler'));
    }
  }

  async function tick(): Promise<void> {
    try {
      const snapshot = await withTimeout(agent.collect(), options.collectTimeoutMs, 'the target');
      unanswered = 0;
      write({ type: 'snapshot', snapshot });
      snapshots++;
      last = snapshot;
      const progress = { elapsedMs: Date.now() - startedAt, snapshots, last };
      for (const listener of listeners) listener(progress);
      if (Date.now() - windowStart >= options.profileWindowMs) await rotateProfiles();
    } catch (error) {
      if (finishing) return;
      if (!session.isOpen()) return; // the close handler ends the recording
      if (error instanceof TimeoutError && ++unanswered >= 2) {
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

  void session.closed.then(async (why) => {
    if (why === 'closed-by-us' || finishing) return;
    const lost = await describeLostTarget(target);
    void finish(lost.reason, lost.message);
  });

  function finish(reason: EndReason, message?: string): Promise<RecordingResult> {
    finishing ??= (async () => {
      clearTimeout(timer);
      if (session.isOpen()) {
        for (const sampler of [cpu, heap]) {
          if (!sampler) continue;
          try {
            writer.writeAll(await withTimeout(sampler.stop(), PROFILE_TIMEOUT_MS, 'the profiler'));
          } catch (error) {
            event('warning', `a profile was lost: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
        // The inspector itself is closed by `target.stop()` when we opened it.
        await withTimeout(agent.detach(), 5000, 'detach').catch(() =>
          event('warning', 'could not detach the agent cleanly'),
        );
      } else if (cpu || heap) {
        event('warning', 'the profiles of the last window were lost with the connection');
      }
      write({ type: 'end', time: Date.now(), reason, ...(message ? { message } : {}) });
      writer.close();
      await target.stop().catch(() => undefined);
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
