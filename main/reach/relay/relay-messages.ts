/**
 * The messages between Hyperscope and its relay in a target's network namespace, over the relay's
 * Node IPC channel (the only channel: a connected socket travels back with its reply as a handle).
 */

/** Relay → Hyperscope, once, when it listens for requests. */
export interface RelayReady {
  kind: 'ready';
  /** The relay's `/proc/self/ns/net` link (`net:[4026532174]`): proves which namespace it entered. */
  netNamespace: string;
}

/** Hyperscope → relay: connect to `host:port` as the target's network namespace sees it. */
export interface DialRequest {
  kind: 'dial';
  /** Matches the reply to the request. */
  id: number;
  host: string;
  port: number;
  /** Give up after this many milliseconds. */
  timeoutMs: number;
}

/** Relay → Hyperscope: the connected socket rides along as the message's handle, or the error code. */
export type DialReply =
  { kind: 'dialed'; id: number } | { kind: 'dial-failed'; id: number; code: string; message: string };

export type RelayMessage = RelayReady | DialReply;
