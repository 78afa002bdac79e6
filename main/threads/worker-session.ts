/**
 * A typed CDP session to one worker thread, carried by its process's session through `NodeWorker`:
 * commands go out as `sendMessageToWorker`, replies and events come back as `receivedMessageFromWorker`
 * (routed here by `process-workers.ts`). It is an {@link InspectorSession} like a process's own, so the
 * recorder runs on it unchanged. Closing it detaches that worker only.
 */
import type { CloseReason, CommandResult, InspectorSession } from '../inspector/inspector-session';
import { InspectorCommandError } from '../inspector/inspector-session';
import type { NodeWorkerDomain, WorkerSessionId } from './node-worker-protocol';

/** How a worker session ended, beyond a close of ours: the thread ended, or the process's session did. */
export type WorkerSessionEnd = 'thread-ended' | 'process-session-closed';

export interface WorkerSession extends InspectorSession {
  readonly sessionId: WorkerSessionId;
  /** One CDP message (JSON) from the worker. */
  receive(message: string): void;
  /** The session ended without us: every pending command fails, `closed` resolves `disconnected`. */
  end(why: WorkerSessionEnd): void;
  /** True once the thread itself ended (Node detached it), not merely its process's session. */
  threadEnded(): boolean;
}

/** A message from the worker's inspector: a reply (with `id`) or an event (with `method`). */
interface WorkerMessage {
  id?: number;
  result?: unknown;
  error?: { message?: string; data?: string };
  method?: string;
  params?: unknown;
}

interface PendingCommand {
  resolve(result: unknown): void;
  reject(error: InspectorCommandError): void;
  /** Made when the command was sent, so that it carries the caller's stack. */
  error: InspectorCommandError;
}

/** `processUrl`: the `ws://` URL of the process's inspector, which carries this session. */
export function createWorkerSession(
  domain: NodeWorkerDomain,
  sessionId: WorkerSessionId,
  processUrl: string,
): WorkerSession {
  let open = true;
  let ending: WorkerSessionEnd | null = null;
  let nextId = 0;
  const pending = new Map<number, PendingCommand>();
  const listeners = new Map<string, Set<(params: unknown) => void>>();
  let markClosed: (reason: CloseReason) => void = () => undefined;
  const closed = new Promise<CloseReason>((resolve) => (markClosed = resolve));

  const shut = (reason: CloseReason): void => {
    if (!open) return;
    open = false;
    for (const call of pending.values()) call.reject(call.error);
    pending.clear();
    markClosed(reason);
  };

  return {
    url: processUrl,
    sessionId,
    closed,
    isOpen: () => open,
    threadEnded: () => ending === 'thread-ended',
    async send(method, ...params) {
      const error = new InspectorCommandError(method, 'connection closed', true);
      if (!open) throw error;
      const id = ++nextId;
      const reply = new Promise<unknown>((resolve, reject) => pending.set(id, { resolve, reject, error }));
      // Settled by the session's end while the message is still being sent: the send's failure is thrown.
      reply.catch(() => undefined);
      const message = asciiJson({ id, method, params: params[0] ?? {} });
      try {
        await domain.send('NodeWorker.sendMessageToWorker', { sessionId, message });
      } catch (cause) {
        pending.delete(id);
        const why = cause instanceof Error ? cause.message : String(cause);
        throw Object.assign(error, { message: `${method}: ${why}` });
      }
      return (await reply) as CommandResult<typeof method>;
    },
    on(event, listener) {
      const handler = listener as (params: unknown) => void;
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(handler);
      return () => void set.delete(handler);
    },
    receive(text) {
      const message = parseMessage(text);
      if (!message) return;
      if (typeof message.id === 'number') {
        const call = pending.get(message.id);
        if (!call) return;
        pending.delete(message.id);
        if (!message.error) call.resolve(message.result);
        else
          call.reject(
            Object.assign(call.error, {
              message: `${call.error.method}: ${describeError(message.error)}`,
              connectionLost: false,
            }),
          );
        return;
      }
      if (typeof message.method === 'string')
        for (const listener of listeners.get(message.method) ?? []) listener(message.params);
    },
    end(why) {
      ending ??= why;
      shut('disconnected');
    },
    async close() {
      if (!open) return;
      shut('closed-by-us');
      // A thread that has just ended, or a process session already gone: detached either way.
      await domain.send('NodeWorker.detach', { sessionId }).catch(() => undefined);
    },
  };
}

/**
 * `value` as JSON in ASCII only, every other character as a `\u` escape. Node 20 drops a message to a
 * worker that holds some non-ASCII characters (measured: `é` and `→` are lost and never answered, `…`
 * and `😀` pass; fixed by Node 22): the agent's source has such characters in its comments.
 */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u0080-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function parseMessage(text: string): WorkerMessage | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as WorkerMessage) : null;
  } catch {
    return null;
  }
}

function describeError(error: { message?: string; data?: string }): string {
  const message = error.message ?? 'failed';
  return error.data ? `${message} (${error.data})` : message;
}
