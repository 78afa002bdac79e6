/**
 * The {@link InspectorSession} the recorder talks through, over a `node:inspector` `Session` of this
 * process: in in-process mode, a worker thread's session to the main thread (`connectToMainThread`).
 * No port, no WebSocket: commands and events pass between the threads inside V8's inspector.
 */
import type { Session } from 'node:inspector';
import type { CloseReason, InspectorSession } from '../inspector/inspector-session';
import { InspectorCommandError } from '../inspector/inspector-session';

/** `session.post` as the recorder uses it: any CDP method, its params, a Node-style callback. */
type Post = (
  method: string,
  params: object | undefined,
  callback: (error: Error | null, result?: unknown) => void,
) => void;

/** A CDP event as `node:inspector` emits it: the method name is the event, the message carries params. */
type Listener = (message: { params?: unknown }) => void;

/**
 * Wraps `session`, already connected. `post` never blocks: a reply that V8 has at once comes back
 * through the callback at once (a same-thread session), one that waits on the target (an awaited
 * promise, a profile) comes when it is ready; both settle the returned promise.
 */
export function inProcessSession(session: Session): InspectorSession {
  let open = true;
  let markClosed: (reason: CloseReason) => void = () => undefined;
  const closed = new Promise<CloseReason>((resolve) => {
    markClosed = (reason) => {
      open = false;
      resolve(reason);
    };
  });
  const post = session.post.bind(session) as Post;

  return {
    url: '',
    closed,
    isOpen: () => open,
    send(method, ...params) {
      // Created now so that a failure carries the caller's stack.
      const pending = new InspectorCommandError(method, 'session closed', true);
      if (!open) return Promise.reject(pending);
      return new Promise((resolve, reject) => {
        try {
          post(method, params[0], (error, result) => {
            if (!error) resolve(result as never);
            else
              reject(
                Object.assign(pending, { message: `${method}: ${error.message}`, connectionLost: !open }),
              );
          });
        } catch (error) {
          // `post` throws when the session is no longer connected.
          const why = error instanceof Error ? error.message : String(error);
          reject(Object.assign(pending, { message: `${method}: ${why}` }));
        }
      });
    },
    on(event, listener) {
      const handler: Listener = (message) => (listener as (params: unknown) => void)(message.params);
      session.on(event, handler);
      return () => void session.off(event, handler);
    },
    close() {
      if (open) {
        session.disconnect();
        markClosed('closed-by-us');
      }
      return Promise.resolve();
    },
  };
}
