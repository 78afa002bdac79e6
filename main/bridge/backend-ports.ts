/**
 * What the UI backend needs from the rest of `main/`, as small ports. Electron and browser mode plug in
 * different file outputs (native dialog vs download); the recorder, process list, demo and analyses are the
 * same. `default-ports.ts` wires the real modules; tests pass their own.
 */
import type {
  AttachTarget,
  AttachedTarget,
  BackendInfo,
  DemoScenario,
  ExportFormat,
  HeapSnapshotTaken,
  ExportProfileKind,
  LiveSource,
  ProcessInfo,
  SavedRing,
  StartRecordingRequest,
  WriteResult,
} from '../../core/bridge/contract';
import type { AgentSnapshot } from '../../core/agent-protocol';
import type { PromiseChain } from '../../core/chains/promise-section';
import type { Finding } from '../../core/findings/finding';
import type { MarkRecord } from '../../core/session/records';
import type { Session } from '../../core/session/session';

/** Bytes ready to be written somewhere the user picks. */
export interface OutputFile {
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
}

/** Where the live recorder reports while it records. */
export interface RecordingSink {
  /** A snapshot of the recording's target. */
  snapshot(snapshot: AgentSnapshot): void;
  /** A snapshot of another process or thread recorded with it (`source`: its id). */
  sourceSnapshot(source: string, snapshot: AgentSnapshot): void;
  /** The other processes and threads recorded so far (those that ended early marked), on every change. */
  sources(sources: LiveSource[]): void;
  /** A finding, placed in its process or thread when it is not the target's. */
  finding(finding: Finding): void;
  /**
   * The recording ended by itself (duration reached, target exited, connection lost); its file is closed.
   * `message` is one line when it did not end as asked.
   */
  ended(path: string, message: string | undefined): void;
}

/** A recording in progress: the file it streams to, and how to end it. */
export interface ActiveRecording {
  path: string;
  /** The mark as written, or null when the recording is already finishing. */
  mark(label: string): MarkRecord | null;
  /** Ends the recording, closes its file and returns the path. */
  stop(): Promise<string>;
  /** A ring recording's span, ms; null when it keeps everything. */
  ringMs: number | null;
  /**
   * A ring recording only: writes its ring as it is now to a new file beside `path`, one save at a time,
   * and goes on recording.
   */
  saveRing: (() => Promise<SavedRing>) | null;
  /** With `retainers`: a heap snapshot now, compared with the first; null when the recording takes none. */
  heapSnapshot: (() => Promise<HeapSnapshotTaken>) | null;
  /** One pending chain of the group, outer → inner, from the target's agent; null when none is pending. */
  chain(groupId: string): Promise<PromiseChain | null>;
}

/** One attached target, able to record. */
export interface LiveTarget {
  target: AttachedTarget;
  record(options: StartRecordingRequest, sink: RecordingSink): Promise<ActiveRecording>;
  /** Removes the agent and disconnects; stops a launched or demo process. */
  detach(): Promise<void>;
}

export interface BackendPorts {
  info: BackendInfo;
  listProcesses(): Promise<ProcessInfo[]>;
  listDemoScenarios(): Promise<DemoScenario[]>;
  attach(target: AttachTarget): Promise<LiveTarget>;
  readSessionFile(path: string): Promise<Session>;
  /** Reads a session from text (a file the browser picked); `name` is for messages. */
  parseSession(name: string, text: string): Session;
  readBytes(path: string): Promise<Uint8Array>;
  findings(session: Session): Finding[];
  /** The session with its frames in original sources where source maps cover them (what the UI shows). */
  remapSources(session: Session): Promise<Session>;
  /** `name` names the session inside the file and in the file name. */
  exportSession(
    session: Session,
    name: string,
    format: ExportFormat,
    profile: ExportProfileKind | undefined,
  ): OutputFile;
  /** Hands bytes to the user: a save dialog (Electron), a download (browser), or a given path. */
  output(file: OutputFile, path?: string): Promise<WriteResult>;
  /** A native open dialog; null when cancelled or when there is none (browser mode). */
  pickSessionFile(): Promise<string | null>;
}
