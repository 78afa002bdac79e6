/**
 * Node's `NodeWorker` inspector domain: the worker threads of a process, reached through the session of
 * its main thread. It is Node's own domain, not Chrome's, so `devtools-protocol` does not have it: these
 * types are written from Node's `src/inspector/node_protocol.pdl` ("experimental domain NodeWorker"),
 * which is the same on Node 20, 22, 24 and 26. Measured there: every command answers `{}`; the workers
 * running at `enable` are reported just after its reply, nested workers (a worker's workers) too, with
 * no word of which thread started them.
 */
import type { InspectorSession } from '../inspector/inspector-session';

/** `NodeWorker.SessionID`: names one attached worker session within the process's session. */
export type WorkerSessionId = string;

/** `NodeWorker.WorkerInfo`. */
export interface WorkerInfo {
  /**
   * `NodeWorker.WorkerID`: an id of Node's inspector, not the worker's `threadId` (they often agree, but
   * not when a nested worker is reported first).
   */
  workerId: string;
  /** `worker`. */
  type: string;
  /** `[worker <threadId>] <name option>`; Node ≥ 24 names an unnamed one `WorkerThread`. */
  title: string;
  /** The worker's script as a `file:` URL; something else for `eval` workers. */
  url: string;
}

/** Commands, by method: their parameters (every result is empty). */
export interface NodeWorkerCommands {
  /** Attaches to the running workers and to each new one; `false`: new workers are not paused. */
  'NodeWorker.enable': { waitForDebuggerOnStart: boolean };
  /** Detaches from all workers and attaches to no new one. */
  'NodeWorker.disable': Record<string, never>;
  'NodeWorker.detach': { sessionId: WorkerSessionId };
  /** `message` is one CDP message (JSON) for the worker's own inspector. */
  'NodeWorker.sendMessageToWorker': { message: string; sessionId: WorkerSessionId };
}

/** Events, by method: their parameters. */
export interface NodeWorkerEvents {
  'NodeWorker.attachedToWorker': {
    sessionId: WorkerSessionId;
    workerInfo: WorkerInfo;
    waitingForDebugger: boolean;
  };
  /** The worker ended, or was detached (`detach`). */
  'NodeWorker.detachedFromWorker': { sessionId: WorkerSessionId };
  /** `message` is one CDP message (JSON) from the worker: a reply or an event. */
  'NodeWorker.receivedMessageFromWorker': { sessionId: WorkerSessionId; message: string };
}

export type NodeWorkerCommand = keyof NodeWorkerCommands;
export type NodeWorkerEvent = keyof NodeWorkerEvents;

/** The `NodeWorker` domain of one process's session, typed. */
export interface NodeWorkerDomain {
  send<M extends NodeWorkerCommand>(method: M, params: NodeWorkerCommands[M]): Promise<void>;
  /** Subscribes; returns the unsubscribe. */
  on<E extends NodeWorkerEvent>(event: E, listener: (params: NodeWorkerEvents[E]) => void): () => void;
}

/** The session as it is at run time: it sends and routes any method, not only devtools-protocol's. */
interface UntypedSession {
  send(method: string, params?: object): Promise<unknown>;
  on(event: string, listener: (params: unknown) => void): () => void;
}

/** The `NodeWorker` domain of `session` (a process's main-thread session). */
export function nodeWorkerDomain(session: InspectorSession): NodeWorkerDomain {
  // The one place the domain leaves devtools-protocol's typing: the methods above are Node's.
  const untyped = session as unknown as UntypedSession;
  return {
    async send(method, params) {
      await untyped.send(method, params);
    },
    on: (event, listener) => untyped.on(event, listener as (params: unknown) => void),
  };
}
