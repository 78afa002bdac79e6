/**
 * The one contract between the UI and its backend: request channels with their payloads, and the events
 * the backend pushes. Electron main's IPC handlers, the preload (`window.hyperscope`), the browser-mode
 * WebSocket bridge and the renderer all type-check against this file. Pure types: no Node, no DOM.
 * Times are ms since the epoch unless a name says otherwise.
 */
import type { AgentSnapshot } from '../agent-protocol';
import type { PromiseChain } from '../chains/promise-section';
import type { Finding } from '../findings/finding';
import type { MarkRecord, RecordingOptions, SourceEndRecord, SourceRecord } from '../session/records';
import type { Session } from '../session/session';
import type { SessionComparison } from './session-comparison';
import type { ExportFormat } from '../export/export-profile';
import type { ProfileKind } from '../import/profile-set';

/** Which face the backend is: decides what the UI offers (native dialogs, downloads). */
export interface BackendInfo {
  mode: 'electron' | 'browser';
  /** Hyperscope's version. */
  version: string;
  /** True when the backend can show native open/save dialogs (Electron). */
  nativeDialogs: boolean;
}

/** A local Node process, as `hyperscope ps` lists it. */
export interface ProcessInfo {
  pid: number;
  command: string;
  /** null when it could not be read. */
  nodeVersion: string | null;
  /**
   * Where its inspector listens (`host:port`) when it is open, else null; `host:port (ns)` when seen
   * listening in the process's own network namespace (a container), unverified.
   */
  inspectorAddress: string | null;
}

/** A scenario of the built-in demo service. */
export interface DemoScenario {
  name: string;
  description: string;
}

/** What to attach to. Remote (non-loopback) URLs need `allowRemote`: the inspector grants code execution. */
export type AttachTarget =
  | { kind: 'pid'; pid: number }
  | { kind: 'url'; url: string; allowRemote: boolean }
  | { kind: 'launch'; command: string[] }
  | { kind: 'demo'; scenario: string };

/** The process the backend is attached to. */
export interface AttachedTarget {
  pid: number;
  nodeVersion: string;
  /** Human label: the command line, the URL or the demo scenario. */
  label: string;
  attachedBy: AttachTarget['kind'];
}

/**
 * A process or thread the live recording records beside its target: a cluster worker, a worker thread.
 * Its snapshots come as `sourceSnapshot` events; the saved session has it as the source of the same id.
 */
export interface LiveSource {
  /** The session file's source id, e.g. `p4243` or `p4242.t1`. */
  id: string;
  kind: SourceRecord['kind'];
  pid: number;
  /** `worker_threads` threadId; 0 for a process. */
  threadId: number;
  /** The source it belongs to; absent: the recording's target. */
  parent?: string;
  /** For people: `worker 2 of 4`, `thread 1 (resize.js)`. */
  label: string;
  /** Set once it stopped being recorded before the recording did (it exited, or was lost). */
  ended: { time: number; reason: SourceEndRecord['reason'] } | null;
}

/** One snapshot of a {@link LiveSource}. */
export interface SourceSnapshot {
  /** The {@link LiveSource} id. */
  source: string;
  snapshot: AgentSnapshot;
}

/** The recorder's state, pushed on every change. */
export interface RecordingState {
  phase: 'idle' | 'attaching' | 'attached' | 'recording' | 'stopping';
  target: AttachedTarget | null;
  /** When the current recording began, or null. */
  startedAt: number | null;
  /** Where the current recording streams to, or null. */
  path: string | null;
  /** Snapshots collected by the current recording (of its target). */
  snapshotCount: number;
  /** A ring recording keeps only about this much of its end, ms ({@link StartRecordingRequest}); else null. */
  ringMs: number | null;
  /** The recording takes heap snapshots (`retainers`): one may be asked for (`takeHeapSnapshot`). */
  retainers?: boolean;
  /** The other processes and threads it records, in the order they appeared; empty for one process. */
  sources: LiveSource[];
  /** The last failure (attach, collection, target exit), as one line; null when none. */
  error: string | null;
}

/** Nothing attached, nothing recorded: the state before anything happens (and after detaching). */
export const IDLE_RECORDING: RecordingState = {
  phase: 'idle',
  target: null,
  startedAt: null,
  path: null,
  snapshotCount: 0,
  ringMs: null,
  sources: [],
  error: null,
};

/**
 * What the UI may ask of a new recording: the session's recording options, and `ringMs` to keep only about
 * the last this-many ms (at least `MIN_RING_SPAN_MS`, shorter than `durationMs`), as `record --ring` does.
 */
export type StartRecordingRequest = Partial<RecordingOptions> & { ringMs?: number };

/** A heap snapshot taken during a recording (`takeHeapSnapshot`), in brief; the session holds the rest. */
export interface HeapSnapshotTaken {
  /** How long the target was paused, ms. */
  pauseMs: number;
  /** How much the heap's objects grew since the recording's first snapshot, bytes (negative: shrank). */
  grewBytes: number;
  /** What holds most of the new objects (`Map invoiceCache (alloc.js:3) → 2,410 strings, 15.6 MiB`); null when nothing does. */
  topHolder: string | null;
}

/** The ring of a ring recording, written to a new session file while it goes on (`saveRing`). */
export interface SavedRing {
  /** The new session file. */
  path: string;
  /** Where the kept part starts (the file's `createdAt`), ms since the epoch. */
  keptFrom: number;
  /** How much of the recording the file holds, ms. */
  keptMs: number;
  /** Size of the file, bytes. */
  bytes: number;
}

/** A session file to read: by path (the backend reads it) or by contents (a file the browser picked). */
export type SessionSource = { kind: 'path'; path: string } | { kind: 'contents'; name: string; text: string };

/** A session the UI shows, with what the analyses found in it. */
export interface OpenedSession {
  /** Where it lives on disk; null for a session not saved yet or opened from contents. */
  path: string | null;
  /** A name to show (file name or target label). */
  name: string;
  session: Session;
  findings: Finding[];
}

export type { ExportFormat };

/** Which profile to export: CPU, allocations (allocated and still alive), or pending promise chains. */
export type ExportProfileKind = ProfileKind;

/** Where a written file went: saved by the backend, handed over for download (browser mode), or cancelled. */
export type WriteResult =
  | { kind: 'saved'; path: string }
  | { kind: 'download'; fileName: string; mimeType: string; base64: string }
  | { kind: 'cancelled' };

/** Everything the UI needs on start. */
export interface BackendState {
  info: BackendInfo;
  recording: RecordingState;
  /** The session shown at start (e.g. `hyperscope ui FILE`), or null. */
  session: OpenedSession | null;
}

/** Request channels: name → request payload and response. `void` requests take no argument. */
export interface RequestChannels {
  getState: { request: void; response: BackendState };
  listProcesses: { request: void; response: ProcessInfo[] };
  listDemoScenarios: { request: void; response: DemoScenario[] };
  attach: { request: AttachTarget; response: AttachedTarget };
  detach: { request: void; response: void };
  startRecording: { request: StartRecordingRequest; response: RecordingState };
  /** Stops the recording and opens what it wrote (a ring recording: its ring). */
  stopRecording: { request: void; response: OpenedSession };
  /**
   * Writes the live ring recording's ring as it is now to a new file beside its own, and goes on recording.
   * Fails when nothing is recorded, or when the recording keeps everything.
   */
  saveRing: { request: void; response: SavedRing };
  /**
   * A recording with `retainers` only: takes a heap snapshot of the target now (it pauses while V8 writes
   * it), stores what grew since the recording's first one, and answers in brief.
   */
  takeHeapSnapshot: { request: void; response: HeapSnapshotTaken };
  /** Marks the live recording now; answers the mark as written (null when the recording is finishing). */
  mark: { request: { label: string }; response: MarkRecord | null };
  /** Asks for a file with a native dialog (Electron); null when cancelled or not available. */
  pickSessionFile: { request: void; response: string | null };
  openSession: { request: SessionSource; response: OpenedSession };
  saveSession: { request: { path?: string }; response: WriteResult };
  /**
   * One profile of the open session; `part`: of that process or thread alone (a `SessionPart` id, in a
   * session of several), else of all of them merged.
   */
  exportSession: {
    request: { format: ExportFormat; profile?: ExportProfileKind; part?: string };
    response: WriteResult;
  };
  diffSessions: { request: { base: SessionSource }; response: SessionComparison };
  /**
   * One pending chain of a group, outer → inner, asked of the live recording's agent (frames source-mapped);
   * null when the group has no pending chain any more. Fails when nothing is being recorded.
   */
  getChain: { request: { groupId: string }; response: PromiseChain | null };
}

/** Commands a native menu sends to the UI. */
export type MenuCommand = 'attach' | 'open' | 'save' | 'export' | 'diff' | `view:${string}`;

/** Events the backend pushes: name → payload. */
export interface EventChannels {
  /** A snapshot of the recording's target. */
  snapshot: AgentSnapshot;
  /** A snapshot of one of the other processes or threads recorded with it. */
  sourceSnapshot: SourceSnapshot;
  finding: Finding;
  recordingState: RecordingState;
  /** A session the backend opened by itself (menu, recent file, second instance). */
  sessionOpened: OpenedSession;
  menuCommand: MenuCommand;
}

export type RequestChannel = keyof RequestChannels;
export type EventChannel = keyof EventChannels;
export type RequestOf<C extends RequestChannel> = RequestChannels[C]['request'];
export type ResponseOf<C extends RequestChannel> = RequestChannels[C]['response'];

/** Every request channel, for registering handlers and validating names at run time. */
export const REQUEST_CHANNELS = [
  'getState',
  'listProcesses',
  'listDemoScenarios',
  'attach',
  'detach',
  'startRecording',
  'stopRecording',
  'saveRing',
  'takeHeapSnapshot',
  'mark',
  'pickSessionFile',
  'openSession',
  'saveSession',
  'exportSession',
  'diffSessions',
  'getChain',
] as const satisfies readonly RequestChannel[];

export const EVENT_CHANNELS = [
  'snapshot',
  'sourceSnapshot',
  'finding',
  'recordingState',
  'sessionOpened',
  'menuCommand',
] as const satisfies readonly EventChannel[];

/** `onSnapshot`, `onFinding`, …: the name of an event's subscriber on the API. */
export type SubscriberName<E extends EventChannel> = `on${Capitalize<E>}`;

export function subscriberName<E extends EventChannel>(event: E): SubscriberName<E> {
  return `on${event.charAt(0).toUpperCase()}${event.slice(1)}` as SubscriberName<E>;
}

/**
 * The backend as the renderer sees it (`window.hyperscope` in Electron): one function per request channel,
 * one `onX(listener)` per event, each returning its unsubscribe.
 */
export type HyperscopeApi = {
  [C in RequestChannel]: RequestOf<C> extends void
    ? () => Promise<ResponseOf<C>>
    : (request: RequestOf<C>) => Promise<ResponseOf<C>>;
} & {
  [E in EventChannel as SubscriberName<E>]: (listener: (payload: EventChannels[E]) => void) => () => void;
};

/** IPC channel names (Electron): requests are invoked on `hyperscope:<channel>`, events sent on `hyperscope:event:<name>`. */
export const ipcRequestName = (channel: RequestChannel): string => `hyperscope:${channel}`;
export const ipcEventName = (event: EventChannel): string => `hyperscope:event:${event}`;

/** The backend's side: one handler per request channel (`void` requests get `undefined`). */
export type RequestHandlers = {
  [C in RequestChannel]: (request: RequestOf<C>) => Promise<ResponseOf<C>>;
};

export function isRequestChannel(name: unknown): name is RequestChannel {
  return typeof name === 'string' && (REQUEST_CHANNELS as readonly string[]).includes(name);
}
