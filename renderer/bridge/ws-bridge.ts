/**
 * Browser mode's bridge: the contract over one WebSocket to `hyperscope ui`. Requests wait for the socket
 * to open; every pending request fails with one clear line when it closes.
 */
import { EVENT_CHANNELS, REQUEST_CHANNELS, subscriberName } from '../../core/bridge/contract';
import type { EventChannel, EventChannels, HyperscopeApi, RequestChannel } from '../../core/bridge/contract';
import type { WsServerMessage } from '../../core/bridge/ws-messages';

/** The part of the DOM `WebSocket` the bridge uses, so tests can hand in a fake. */
export interface SocketLike {
  readyState: number;
  send(data: string): void;
  addEventListener(type: 'open' | 'close' | 'message', listener: (event: { data?: unknown }) => void): void;
}

const OPEN = 1;

export function createWsBridge(socket: SocketLike): HyperscopeApi {
  let nextId = 1;
  let closed = false;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  const waiting: string[] = [];
  const listeners = new Map<EventChannel, Set<(payload: never) => void>>();

  socket.addEventListener('open', () => {
    for (const text of waiting.splice(0)) socket.send(text);
  });
  socket.addEventListener('close', () => {
    closed = true;
    for (const { reject } of pending.values())
      reject(new Error('the connection to hyperscope ui was closed'));
    pending.clear();
  });
  socket.addEventListener('message', ({ data }) => {
    if (typeof data !== 'string') return;
    const message = JSON.parse(data) as WsServerMessage;
    if ('event' in message) {
      for (const listener of listeners.get(message.event) ?? [])
        (listener as (p: unknown) => void)(message.payload);
      return;
    }
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (!waiter) return;
    if (message.ok) waiter.resolve(message.result ?? undefined);
    else waiter.reject(new Error(message.error));
  });

  const request = (channel: RequestChannel, payload?: unknown): Promise<unknown> =>
    new Promise((resolve, reject) => {
      if (closed) return reject(new Error('the connection to hyperscope ui was closed'));
      const id = nextId++;
      pending.set(id, { resolve, reject });
      const text = JSON.stringify({ id, channel, payload });
      if (socket.readyState === OPEN) socket.send(text);
      else waiting.push(text);
    });

  const api: Record<string, unknown> = {};
  for (const channel of REQUEST_CHANNELS) api[channel] = (payload?: unknown) => request(channel, payload);
  for (const event of EVENT_CHANNELS) {
    api[subscriberName(event)] = (listener: (payload: EventChannels[typeof event]) => void) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    };
  }
  return api as HyperscopeApi;
}
