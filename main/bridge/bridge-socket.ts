/**
 * One browser tab's WebSocket: validated requests go to the backend's handlers, each answered once by id;
 * the backend's events are pushed until the socket closes.
 */
import type WebSocket from 'ws';
import { isRequestChannel } from '../../core/bridge/contract';
import type { RequestHandlers } from '../../core/bridge/contract';
import { validateRequest } from '../../core/bridge/validate-request';
import type { WsResponse, WsServerMessage } from '../../core/bridge/ws-messages';
import type { Backend } from './backend';

export function connectBridgeSocket(ws: WebSocket, backend: Backend): void {
  const send = (message: WsServerMessage): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const unsubscribe = backend.subscribe((event, payload) => send({ event, payload }));
  ws.on('close', unsubscribe);
  ws.on('error', unsubscribe);
  ws.on('message', (data, isBinary) => {
    void answer(isBinary ? null : data.toString(), backend.handlers).then(send);
  });
}

/** Parses, validates and runs one request; never throws — failures become `{ok: false}` answers. */
export async function answer(text: string | null, handlers: RequestHandlers): Promise<WsResponse> {
  let id = -1;
  try {
    const message: unknown = JSON.parse(text ?? 'null');
    if (typeof message !== 'object' || message === null) throw new Error('a request must be a JSON object');
    const { id: rawId, channel, payload } = message as Record<string, unknown>;
    if (typeof rawId !== 'number' || !Number.isSafeInteger(rawId))
      throw new Error('a request needs a numeric id');
    id = rawId;
    if (!isRequestChannel(channel)) throw new Error(`unknown channel ${String(channel)}`);
    const request = validateRequest(channel, payload);
    const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
    const result = await handler(request);
    return { id, ok: true, result: result ?? null };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { id, ok: false, error: message.split('\n')[0] ?? message };
  }
}
