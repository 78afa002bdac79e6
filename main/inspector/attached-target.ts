/**
 * What every way of reaching a target (by PID, by inspector address, by launching it) hands back:
 * a verified inspector session plus the facts the recorder and the UI need about the process.
 */
import type { InspectorAddress } from './inspector-http';
import type { InspectorSession } from './inspector-session';

/**
 * How the target was reached: by PID, by inspector URL, launched by us, or from inside itself
 * (`node --require hyperscope/register`: a worker thread of the target records its main thread).
 */
export type AttachMode = 'pid' | 'url' | 'launch' | 'in-process';

/** How a launched target ended: its exit code, or the signal that killed it. */
export interface TargetExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface AttachedTarget {
  /** A CDP session whose `process.pid` was checked against the target we meant. */
  readonly session: InspectorSession;
  /**
   * The target's process id as this machine sees it (for a process in a container: its host pid; it
   * sees itself by another, checked as well).
   */
  readonly pid: number;
  /** `process.version` of the target, e.g. `v20.20.2`. */
  readonly nodeVersion: string;
  /** The `ws://` URL of the target's inspector; `''` in-process, where no inspector port is open. */
  readonly inspectorUrl: string;
  /**
   * For users, how the inspector is reached when not directly — e.g. "127.0.0.1:9229 in the network
   * namespace of container docker:1a2b3c4d5e6f, through a relay (pid 4242)"; `inspectorUrl` is then a
   * port on our 127.0.0.1 that stands for it while attached. Absent when reached directly.
   */
  readonly reachedThrough?: string;
  /**
   * By PID: where the inspector listens as the target sees it (in a container, on its own 127.0.0.1 —
   * never dial it from here: `inspectorUrl` is what to dial). Absent in the other modes.
   */
  readonly inspectorListensOn?: InspectorAddress;
  readonly attachedBy: AttachMode;
  /** True when the inspector was closed before we came; `stop()` then closes it again. */
  readonly openedByUs: boolean;
  /** Lines the user must see (e.g. that a remote inspector grants code execution). */
  readonly warnings: readonly string[];
  /**
   * Launch mode: resolves with the child's exit status when it ends. By PID or URL: resolves `null`
   * when the session ends, for whatever reason (the exit status of a process we did not start is unknown).
   */
  readonly exited: Promise<TargetExit | null>;
  /**
   * Set when this target is a worker thread of process `pid` (`main/threads/`): its session is carried
   * by the process's, so it ends with the thread (or with that session) and cannot be reopened alone.
   */
  readonly thread?: ThreadOfProcess;
  /**
   * Ends the attachment: closes the session, closes the inspector if we opened it (PID mode), and
   * stops a launched child (SIGTERM, then SIGKILL after a grace period) unless it was launched with `keep`.
   */
  stop(): Promise<void>;
}

/** What a worker-thread target knows of its thread. */
export interface ThreadOfProcess {
  /** `worker_threads` threadId. */
  readonly threadId: number;
  /** True once the thread itself ended (not merely its process's session). */
  ended(): boolean;
}

/** Why attaching failed; each has one user-facing message. */
export type AttachErrorCode =
  | 'no-such-process'
  | 'not-node'
  | 'permission-denied'
  | 'unreachable'
  | 'node-too-old'
  | 'port-conflict'
  | 'remote-not-allowed'
  | 'target-exited'
  | 'wrong-process';

/** An attach failure whose message is one line meant for the user (the CLI prints it as is). */
export class AttachError extends Error {
  constructor(
    readonly code: AttachErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AttachError';
  }
}
