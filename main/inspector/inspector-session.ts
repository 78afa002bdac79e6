/**
 * A typed CDP session to one Node inspector, over chrome-remote-interface.
 * Commands and events are typed from `devtools-protocol`; every pending command fails with an
 * {@link InspectorCommandError} that carries the caller's stack when the connection drops.
 */
import type { EventEmitter } from 'node:events';
import CDP from 'chrome-remote-interface';
import type ProtocolMapping from 'devtools-protocol/types/protocol-mapping';

export type CommandName = keyof ProtocolMapping.Commands;
export type CommandParams<M extends CommandName> = ProtocolMapping.Commands[M]['paramsType'];
export type CommandResult<M extends CommandName> = ProtocolMapping.Commands[M]['returnType'];
export type EventName = keyof ProtocolMapping.Events;
export type EventParams<E extends EventName> = ProtocolMapping.Events[E];

/** Why a session ended: we closed it, or the other side went away. */
export type CloseReason = 'closed-by-us' | 'disconnected';

export interface InspectorSession {
  /** The `ws://` URL this session is connected to. */
  readonly url: string;
  send<M extends CommandName>(method: M, ...params: CommandParams<M>): Promise<CommandResult<M>>;
  /** Subscribes to a CDP event; returns the unsubscribe. */
  on<E extends EventName>(event: E, listener: (...params: EventParams<E>) => void): () => void;
  /** Resolves once, when the connection ends for any reason. */
  readonly closed: Promise<CloseReason>;
  isOpen(): boolean;
  close(): Promise<void>;
}

/** A command that failed: the protocol said no, or the connection went away before the reply. */
export class InspectorCommandError extends Error {
  constructor(
    readonly method: string,
    message: string,
    readonly connectionLost: boolean,
  ) {
    super(`${method}: ${message}`);
    this.name = 'InspectorCommandError';
  }
}

/** Connects to a `ws://host:port/<id>` inspector URL. Rejects with the socket's own error. */
export async function connectInspector(webSocketUrl: string): Promise<InspectorSession> {
  // `local: true` uses the protocol bundled with chrome-remote-interface instead of fetching it.
  const client = await CDP({ target: webSocketUrl, local: true });
  let open = true;
  let closedByUs = false;
  let markClosed: (reason: CloseReason) => void = () => undefined;
  const closed = new Promise<CloseReason>((resolve) => {
    markClosed = (reason) => {
      open = false;
      resolve(reason);
    };
    client.on('disconnect', () => markClosed(closedByUs ? 'closed-by-us' : 'disconnected'));
  });

  return {
    url: webSocketUrl,
    closed,
    isOpen: () => open,
    async send(method, ...params) {
      // Created now so that a failure carries the caller's stack, not the socket's.
      const pending = new InspectorCommandError(method, 'connection closed', true);
      if (!open) throw pending;
      try {
        return await (client.send as (m: string, p?: object) => Promise<never>)(method, params[0]);
      } catch (error) {
        const lost = !open || (error instanceof Error && /connection closed/i.test(error.message));
        const text = describeProtocolError(error);
        throw Object.assign(pending, { message: `${method}: ${text}`, connectionLost: lost });
      }
    },
    on(event, listener) {
      const handler = listener as (...args: unknown[]) => void;
      client.on(event as string, handler);
      // The client is an EventEmitter at run time; its typings omit removeListener.
      return () => void (client as unknown as EventEmitter).removeListener(event as string, handler);
    },
    async close() {
      if (!open) return;
      closedByUs = true;
      // A stopped (SIGSTOP) or wedged target never answers the WebSocket close handshake, and `ws`
      // would keep the socket (and our process) alive for 30 s: cut it after a short wait instead.
      const cut = setTimeout(() => socketOf(client)?.terminate(), CLOSE_HANDSHAKE_MS);
      try {
        // chrome-remote-interface emits no 'disconnect' for a close we asked for: settle `closed` here.
        await client.close();
      } finally {
        clearTimeout(cut);
      }
      markClosed('closed-by-us');
    },
  };
}

/** How long `close()` waits for the other side's WebSocket close frame, ms. */
const CLOSE_HANDSHAKE_MS = 1000;

/** The client's WebSocket (a `ws` instance; chrome-remote-interface does not type it). */
function socketOf(client: CDP.Client): { terminate(): void } | undefined {
  return (client as unknown as { _ws?: { terminate(): void } })._ws;
}

function describeProtocolError(error: unknown): string {
  if (error instanceof Error) {
    const response = (error as { response?: { message?: string; data?: string } }).response;
    if (response?.message) return response.data ? `${response.message} (${response.data})` : response.message;
    return error.message;
  }
  return String(error);
}
