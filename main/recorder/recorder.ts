/**
 * A recording: the agent's snapshots every interval plus CPU and allocation profiles in windows,
 * streamed to a session file. It ends by duration, by `stop()`, or by itself when the target exits,
 * freezes or the connection drops — and in every case closes the file with what was recorded.
 * The loop is `collection-loop.ts`, the reconnection `watch-connection.ts`, the end `finish-recording.ts`.
 */
import { randomUUID } from 'node:crypto';
import type { HeaderRecord, MarkRecord } from '../../core/session/records';
import type { AttachedTarget } from '../inspector/attached-target';
import type { SessionWriter } from '../session/session-writer';
import { openSessionWriter } from '../session/open-session-writer';
import { isRingWriter } from '../session/ring-session-writer';
import { collectOnce, scheduleCollection } from './collection-loop';
import { finishRecording } from './finish-recording';
import type { Recording, RecordingResult } from './recording';
import { collectTimeoutFor } from './recording';
import { recordingHeader } from './recording-header';
import type { RecordingOptions } from './recording-options';
import { LAUNCH_CLEAN_INSTALL_WAIT_MS } from '../agent/agent-client';
import type { Finish, RecordingState } from './recording-state';
import { write, writeEvent } from './recording-state';
import { openTargetLink } from './target-link';
import { watchConnection } from './watch-connection';
import { compareHeapNow, startRetainers } from '../retainers/recording-retainers';

export type { EndReason, Recording, RecordingProgress, RecordingResult } from './recording';
export { collectTimeoutFor } from './recording';

/** How a recording takes part in a session of several sources (`main/sources/`). */
export interface RecordingHooks {
  /** The writer to use instead of a new file: one source's (`main/session/source-writer.ts`). */
  into?: (header: HeaderRecord) => SessionWriter;
  /** Runs once when the recording begins to finish, before its last profiles and its end are written. */
  beforeEnd?: () => Promise<void>;
}

/** Records `target` into `options.output`, or as one source of a session when `hooks.into` is given. */
export async function startRecording(
  target: AttachedTarget,
  options: RecordingOptions,
  version: string,
  hooks: RecordingHooks = {},
): Promise<Recording> {
  const { into } = hooks;
  const startedAt = Date.now();
  const header = recordingHeader(target, options, version, startedAt);
  // A target we launched is starting up: its first clean turn of the event loop may be seconds away.
  const installTiming = {
    ...(target.attachedBy === 'launch' ? { cleanWaitMs: LAUNCH_CLEAN_INSTALL_WAIT_MS } : {}),
    findIdlePools: options.findIdlePools === true,
  };
  const id = `${process.pid}.${startedAt}.${randomUUID()}`;
  const link = await openTargetLink(target.session, options, target.openedByUs, id, installTiming);
  header.target.argv = link.agent.hello.argv;
  const state: RecordingState = {
    id,
    target,
    options,
    writer: into ? into(header) : openSessionWriter(options, header),
    startedAt,
    collectTimeoutMs: collectTimeoutFor(options),
    listeners: new Set(),
    link,
    snapshots: 0,
    last: null,
    unanswered: 0,
    frozen: false,
    exiting: false,
    reconnection: null,
    profiledUrls: new Set(),
    windows: { cpu: { start: startedAt, index: 0 }, heap: { start: startedAt, index: 0 } },
    timer: undefined,
    heapGrowth: null,
    finishing: null,
  };
  if (link.agent.hello.reused)
    writeEvent(state, 'info', 'reused the Hyperscope agent already installed in the target');
  if (options.retainers) await startRetainers(state);

  let resolveFinished!: (result: RecordingResult) => void;
  const finished = new Promise<RecordingResult>((resolve) => (resolveFinished = resolve));
  const finish: Finish = (reason, message) =>
    finishRecording(state, resolveFinished, reason, message, hooks.beforeEnd);
  watchConnection(state, link, finish, () => scheduleCollection(state, finish));

  void collectOnce(state, finish);
  const { writer } = state;
  return {
    path: writer.path,
    ...(isRingWriter(writer) ? { saveRing: (path: string) => writer.snapshotTo(path) } : {}),
    ...(options.retainers ? { compareHeap: () => compareHeapNow(state) } : {}),
    finished,
    mark(label) {
      if (state.finishing) return null;
      const record: MarkRecord = { type: 'mark', time: Date.now(), label };
      write(state, record);
      return record;
    },
    onProgress(listener) {
      state.listeners.add(listener);
      return () => state.listeners.delete(listener);
    },
    stop: (reason = 'stopped') => finish(reason),
    callAgent(method, arg) {
      if (state.finishing) return Promise.reject(new Error('the recording has ended'));
      return state.link.agent.call(method, arg);
    },
  };
}
