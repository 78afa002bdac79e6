/**
 * Incoming HTTP requests: in flight, completed and 5xx since install, from the `http.server.request.start`
 * and `http.server.response.finish` channels (published by every Node this agent supports, ≥ 14.17).
 * Requests already running at install are adopted from the server sockets' current responses.
 */
import type { HttpServerStats } from '../core/agent-protocol';
import type { Collector, CollectorContext } from './collector';
import { subscribeChannel } from './channel-subscription';
import type { NetworkCensus } from './network-census';

/** The parts of `http.ServerResponse` the agent reads. */
interface ResponseLike {
  statusCode?: number;
  destroyed?: boolean;
  writableFinished?: boolean;
  socket?: { destroyed?: boolean } | null;
}

/** How many in-flight responses are held at most (strongly: a client that hung up leaves no finish event). */
const MAX_IN_FLIGHT = 10_000;

export function createHttpServerCollector(census: NetworkCensus): Collector<HttpServerStats> {
  let context: CollectorContext | undefined;
  let unsubscribes: (() => void)[] = [];
  let inFlight = new Set<ResponseLike>();
  const stats = { completed: 0, errors: 0 };

  const track = (response: ResponseLike): void => {
    if (inFlight.has(response)) return;
    if (inFlight.size >= MAX_IN_FLIGHT) sweep(inFlight);
    if (inFlight.size >= MAX_IN_FLIGHT) return context?.drop('httpInFlight');
    inFlight.add(response);
  };
  const onStart = (message: unknown): void => {
    const response = (message as { response?: ResponseLike }).response;
    if (response) track(response);
  };
  // A server socket's `_httpMessage` is the response it is writing: requests that began before we came.
  const adoptRunning = (now: number): void => {
    for (const socket of census.take(now).sockets) {
      const response = socket._httpMessage as ResponseLike | null | undefined;
      if (response && (socket.server ?? socket._server) && !response.writableFinished) track(response);
    }
  };
  const onFinish = (message: unknown): void => {
    const response = (message as { response?: ResponseLike }).response;
    if (!response || !inFlight.delete(response)) return;
    stats.completed++;
    if ((response.statusCode ?? 0) >= 500) stats.errors++;
  };

  return {
    name: 'http',
    start(ctx) {
      context = ctx;
      const dc = ctx.builtins.diagnostics_channel;
      const onError = (): void => ctx.drop('httpChannelError');
      unsubscribes = [
        subscribeChannel(dc, 'http.server.request.start', onStart, onError),
        subscribeChannel(dc, 'http.server.response.finish', onFinish, onError),
      ];
      adoptRunning(Date.now());
    },
    collect(now) {
      adoptRunning(now);
      sweep(inFlight);
      return { inFlight: inFlight.size, completed: stats.completed, errors: stats.errors };
    },
    stop() {
      for (const unsubscribe of unsubscribes.splice(0)) unsubscribe();
      inFlight = new Set();
      context = undefined;
    },
  };
}

/**
 * Forgets responses whose connection is gone: no finish will come. (Not on `writableFinished`: it turns
 * true before the 'finish' event, and a response forgotten then would never be counted as completed.)
 */
function sweep(inFlight: Set<ResponseLike>): void {
  for (const response of inFlight) {
    if (response.destroyed || response.socket?.destroyed) inFlight.delete(response);
  }
}
