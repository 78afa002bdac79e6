/** A scripted `HyperscopeApi` for store tests: answers from `responses`, records calls, emits events on demand. */
import { EVENT_CHANNELS, REQUEST_CHANNELS, subscriberName } from '../../core/bridge/contract';
import type {
  EventChannel,
  EventChannels,
  HyperscopeApi,
  RequestChannel,
  ResponseOf,
} from '../../core/bridge/contract';

export type Responses = {
  [C in RequestChannel]?: (request: unknown) => ResponseOf<C> | Promise<ResponseOf<C>>;
};

export interface FakeApi {
  api: HyperscopeApi;
  calls: { channel: RequestChannel; request: unknown }[];
  emit<E extends EventChannel>(event: E, payload: EventChannels[E]): void;
}

export function fakeApi(responses: Responses): FakeApi {
  const calls: FakeApi['calls'] = [];
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  const api: Record<string, unknown> = {};
  for (const channel of REQUEST_CHANNELS) {
    api[channel] = async (request?: unknown) => {
      calls.push({ channel, request });
      const respond = responses[channel] as ((request: unknown) => unknown) | undefined;
      if (!respond) throw new Error(`${channel} is not scripted`);
      return respond(request);
    };
  }
  for (const event of EVENT_CHANNELS) {
    api[subscriberName(event)] = (listener: (payload: unknown) => void) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    };
  }
  return {
    api: api as HyperscopeApi,
    calls,
    emit: (event, payload) => {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
  };
}
