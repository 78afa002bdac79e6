/**
 * The demo's built-in load: a few clients in this process sending a scenario's requests to the front
 * service over 127.0.0.1, together at most `ratePerSecond`, each with at most one request in flight.
 */
import { setMaxListeners } from 'node:events';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LoadPlan, LoadRequest } from '../scenario';
import { demoToken } from '../service/customer-session';

/** Counts since the loop started. */
export interface LoadStats {
  sent: number;
  /** Answered with a status below 500. */
  ok: number;
  /** Failed: no answer, or a status of 500 or more. */
  failed: number;
}

export interface LoadLoop {
  /** Async because the loop may run in a worker thread (`load-worker.ts`). */
  stats(): Promise<LoadStats>;
  /** Stops every client, abandoning requests in flight; resolves when all have returned. */
  stop(): Promise<void>;
}

// A request slower than this is abandoned and counted as failed (the demo's queues can be seconds long).
const REQUEST_TIMEOUT_MS = 30_000;

/** Throws a RangeError for a plan without requests, with fewer than 1 client or a rate not above 0. */
export function checkLoadPlan(plan: LoadPlan): void {
  if (!(plan.concurrency >= 1 && plan.ratePerSecond > 0 && plan.requests.length > 0)) {
    throw new RangeError('a load plan needs requests, at least 1 client and a rate above 0 per second');
  }
}

/** Starts the clients at once in this thread; throws like {@link checkLoadPlan}. */
export function startLoadLoop(frontUrl: string, plan: LoadPlan): LoadLoop {
  checkLoadPlan(plan);
  const agent = new http.Agent({ keepAlive: true, maxSockets: plan.concurrency });
  const stopping = new AbortController();
  // Every client listens on the one signal twice at most (its request and its pause).
  setMaxListeners(2 * plan.concurrency + 1, stopping.signal);
  const stats: LoadStats = { sent: 0, ok: 0, failed: 0 };
  // Each client paces itself so that all of them together send `ratePerSecond`.
  const clientIntervalMs = (1000 * plan.concurrency) / plan.ratePerSecond;
  let next = 0;

  async function runClient(index: number): Promise<void> {
    await pause((index * clientIntervalMs) / plan.concurrency, stopping.signal);
    while (!stopping.signal.aborted) {
      const startedAt = performance.now();
      const request = plan.requests[next++ % plan.requests.length]!;
      stats.sent++;
      const ok = await sendLoadRequest(agent, frontUrl, request, index + 1, stopping.signal);
      if (stopping.signal.aborted) break;
      if (ok) stats.ok++;
      else stats.failed++;
      await pause(clientIntervalMs - (performance.now() - startedAt), stopping.signal);
    }
  }

  const clients = Array.from({ length: plan.concurrency }, (_, index) => runClient(index));
  return {
    stats: async () => ({ ...stats }),
    async stop() {
      stopping.abort();
      await Promise.allSettled(clients);
      agent.destroy();
    },
  };
}

/** Sends one request as customer `customerId` and reads the whole answer; true for a status below 500. */
function sendLoadRequest(
  agent: http.Agent,
  frontUrl: string,
  request: LoadRequest,
  customerId: number,
  signal: AbortSignal,
): Promise<boolean> {
  return new Promise((resolve) => {
    const payload = request.body === undefined ? undefined : JSON.stringify(request.body);
    const outgoing = http.request(`${frontUrl}${request.path}`, {
      method: request.method,
      agent,
      signal,
      timeout: REQUEST_TIMEOUT_MS,
      headers: {
        authorization: `Bearer ${demoToken(customerId)}`,
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      },
    });
    outgoing.once('timeout', () => outgoing.destroy(new Error('load request timed out')));
    outgoing.once('error', () => resolve(false));
    outgoing.once('response', (response) => {
      response.once('error', () => resolve(false));
      response.once('end', () => resolve((response.statusCode ?? 0) < 500));
      response.resume();
    });
    outgoing.end(payload);
  });
}

/** Waits `ms` (nothing when ≤ 0); returns early, without throwing, when `signal` aborts. */
async function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return;
  await sleep(ms, undefined, { signal }).catch(() => undefined);
}
