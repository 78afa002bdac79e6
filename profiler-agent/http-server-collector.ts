/**
 * Incoming HTTP requests: in flight, completed and 5xx since install, from the `http.server.request.start`
 * and `http.server.response.finish` channels (published by every Node this agent supports, ≥ 14.17).
 * Requests already running at install are not counted when they finish.
 */
import type { HttpServerStats } from '../core/agent-protocol';
import type { Collector, CollectorContext } from './collector';
import { subscribeChannel } from './channel-subscription';

/** The parts of `http.ServerResponse` the agent reads. */
interface ResponseLike {
  statusCode?: number;
  destroyed?: boolean;
  writableFinished?: boolean;
  socket?: { destroyed?: boolean } | null;
}

/** How many in-flight responses are held at most (strongly: a client that hung up leaves no finish event). */
const MAX_IN_FLIGHT = 10_000;

export function createHttpServerCollector(): Collector<HttpServerStats> {
  let context: CollectorContext | undefined;
  let unsubscribes: (() => void)[] = [];
  let inFlight = new Set<ResponseLike>();
  const stats = { completed: 0, errors: 0 };

  const onStart = (message: unknown): void => {
    const response = (message as { response?: ResponseLike }).response;
    if (!response) return;
    if (inFlight.size >= MAX_IN_FLIGHT) sweep(inFlight);
    if (inFlight.size >= MAX_IN_FLIGHT) return context?.drop('httpInFlight');
    inFlight.add(response);
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
    },
    collect() {
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

/** Forgets responses whose client went away (no finish will come) or that finished unseen. */
function sweep(inFlight: Set<ResponseLike>): void {
  for (const response of inFlight) {
    if (response.writableFinished || response.destroyed || response.socket?.destroyed)
      inFlight.delete(response);
  }
}
