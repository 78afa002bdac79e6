/**
 * healthy: the product API done right. One keep-alive pool with room to spare and an idle timeout, every
 * upstream response read to its end, no synchronous work. A recording of it has no warning to give.
 */
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DemoScenario, ScenarioContext, ScenarioService } from '../scenario';
import { authenticate } from '../service/customer-session';
import { HttpError, readJsonBody, requestJson, sendJson } from '../service/http-json';
import { fetchProductPage, parseOrderRequest, priceOrder } from '../service/product-page';
import { matchRoute } from '../service/routes';
import { productAndOrderTraffic } from '../load/product-traffic';

export const healthy: DemoScenario = {
  name: 'healthy',
  description:
    'no pitfall: a roomy keep-alive pool with an idle timeout, every response consumed, no sync work',
  load: { requests: productAndOrderTraffic, concurrency: 4, ratePerSecond: 20 },
  start: async (context) => startCatalogApi(context),
};

// Far above what the load needs at once, so requests never wait for a socket.
const UPSTREAM_MAX_SOCKETS = 64;
// Closes sockets idle this long; the upstream keeps idle connections for minutes.
const UPSTREAM_IDLE_TIMEOUT_MS = 4_000;

function startCatalogApi({ upstreamUrl }: ScenarioContext): ScenarioService {
  const agent = new http.Agent({
    keepAlive: true,
    maxSockets: UPSTREAM_MAX_SOCKETS,
    timeout: UPSTREAM_IDLE_TIMEOUT_MS,
  });
  let nextOrderId = 1;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const customer = await authenticate(request);
    const product = matchRoute(request, 'GET', /^\/products\/(\d+)$/);
    if (product)
      return sendJson(response, 200, await fetchProductPage(agent, upstreamUrl, Number(product[0])));
    if (matchRoute(request, 'POST', /^\/orders$/)) {
      const order = parseOrderRequest(await readJsonBody(request));
      const totalCents = await priceOrder(agent, upstreamUrl, order);
      const orderId = nextOrderId++;
      await requestJson(agent, 'POST', `${upstreamUrl}/audit`, { orderId, customerId: customer.customerId });
      return sendJson(response, 201, { orderId, totalCents });
    }
    throw new HttpError(404, 'no such route');
  }

  return { handle, stop: async () => agent.destroy() };
}
