/**
 * Browser mode's wire format over one WebSocket: the renderer sends requests with an id, the server
 * answers each id once and pushes events. JSON text frames.
 */
import type { EventChannel, EventChannels, RequestChannel } from './contract';

/** Renderer → server. */
export interface WsRequest {
  id: number;
  channel: RequestChannel;
  payload?: unknown;
}

/** Server → renderer: the answer to one request. `error` is one line meant for the user. */
export type WsResponse = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/** Server → renderer: a pushed event. */
export interface WsEvent<E extends EventChannel = EventChannel> {
  event: E;
  payload: EventChannels[E];
}

export type WsServerMessage = WsResponse | WsEvent;

/** The path of the bridge's WebSocket; the per-launch token goes in its `token` query parameter. */
export const WS_BRIDGE_PATH = '/bridge';
