/**
 * blocked-chain: reserving stock takes the warehouse's one reservation lock and holds it across the
 * warehouse call (200–400 ms). A dozen shoppers at once queue for the lock: each request waits seconds at
 * `reserveStock`, one behind the other, while the socket pool and the event loop sit idle.
 */
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DemoScenario, ScenarioContext, ScenarioService } from '../scenario';
import type { Stock } from '../service/catalog-data';
import { authenticate } from '../service/customer-session';
import { HttpError, requestJson, sendJson } from '../service/http-json';
import { matchRoute } from '../service/routes';

export const blockedChain: DemoScenario = {
  name: 'blocked-chain',
  description: 'requests wait in line: one lock held across a 200-400 ms warehouse call per reservation',
  load: {
    requests: [
      { method: 'POST', path: '/products/3/reservations', body: { quantity: 1 } },
      { method: 'POST', path: '/products/9/reservations', body: { quantity: 2 } },
    ],
    concurrency: 16,
    ratePerSecond: 20,
  },
  start: async (context) => startReservationsApi(context),
};

/** A mutex: one holder at a time, the others wait in arrival order. */
class ReservationLock {
  private held = false;
  private readonly queue: (() => void)[] = [];

  /** Resolves with the release function once the lock is ours. */
  acquire(): Promise<() => void> {
    const release = (): void => {
      const next = this.queue.shift();
      if (next) next();
      else this.held = false;
    };
    if (!this.held) {
      this.held = true;
      return Promise.resolve(release);
    }
    return new Promise((resolve) => this.queue.push(() => resolve(release)));
  }
}

function startReservationsApi({ upstreamUrl }: ScenarioContext): ScenarioService {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64, timeout: 4_000 });
  const lock = new ReservationLock();

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    await authenticate(request);
    const route = matchRoute(request, 'POST', /^\/products\/(\d+)\/reservations$/);
    if (!route) throw new HttpError(404, 'no such route');
    const stock = await reserveStock(lock, agent, upstreamUrl, Number(route[0]));
    sendJson(response, 201, { reserved: true, available: stock.available });
  }

  return { handle, stop: async () => agent.destroy() };
}

/** Checks the warehouse under the lock, so two reservations never read the same stock (the bottleneck). */
async function reserveStock(
  lock: ReservationLock,
  agent: http.Agent,
  upstreamUrl: string,
  productId: number,
): Promise<Stock> {
  const release = await lock.acquire();
  try {
    return await requestJson<Stock>(agent, 'GET', `${upstreamUrl}/stock/${productId}`);
  } finally {
    release();
  }
}
