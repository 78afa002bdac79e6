/**
 * Incoming HTTP requests: in flight, completed and 5xx since install. Completions come from the
 * `http.server.response.finish` channel (published by every Node this agent supports, ≥ 14.17): one
 * counter bump per response. Requests in flight are counted at collection from the server sockets that
 * are writing a response, so nothing is held or looked up per request; requests already running at
 * install are counted the same way, and counted as completed when they finish.
 */
import type { HttpServerStats } from '../core/agent-protocol';
import type { Collector } from './collector';
import { subscribeChannel } from './channel-subscription';
import type { NetworkCensus, SocketLike } from './network-census';

/** The parts of `http.ServerResponse` the agent reads. */
interface ResponseLike {
  statusCode?: number;
  writableFinished?: boolean;
}

export function createHttpServerCollector(census: NetworkCensus): Collector<HttpServerStats> {
  let unsubscribes: (() => void)[] = [];
  const stats = { completed: 0, errors: 0 };
  const onFinish = (message: unknown): void => {
    stats.completed++;
    const response = (message as { response?: ResponseLike } | null)?.response;
    if ((response?.statusCode ?? 0) >= 500) stats.errors++;
  };

  return {
    name: 'http',
    start(context) {
      const onError = (): void => context.drop('httpChannelError');
      unsubscribes = [
        subscribeChannel(
          context.builtins.diagnostics_channel,
          'http.server.response.finish',
          onFinish,
          onError,
        ),
      ];
    },
    collect(now) {
      let inFlight = 0;
      for (const socket of census.take(now).sockets) if (isServingResponse(socket)) inFlight++;
      return { inFlight, completed: stats.completed, errors: stats.errors };
    },
    stop() {
      for (const unsubscribe of unsubscribes.splice(0)) unsubscribe();
    },
  };
}

/**
 * A server socket's `_httpMessage` is the response it is writing, cleared when that response finishes.
 * A socket whose peer hung up is destroyed: its response will never finish and is not in flight.
 */
function isServingResponse(socket: SocketLike): boolean {
  const response = socket._httpMessage as ResponseLike | null | undefined;
  if (!response || socket.destroyed || !(socket.server ?? socket._server)) return false;
  return response.writableFinished !== true;
}
