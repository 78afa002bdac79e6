/**
 * pool-starvation: every product page makes three upstream calls, one of them to a warehouse that takes
 * 200–400 ms, through a pool of 2 sockets. Under a dozen concurrent callers, requests queue in the agent
 * (`agent.requests`) for seconds: pages take many times the upstream's latency.
 */
import type http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DemoScenario, ScenarioContext, ScenarioService } from '../scenario';
import type { Stock } from '../service/catalog-data';
import { requestJson, sendJson } from '../service/http-json';
import type { ProductPage } from '../service/product-page';
import { fetchProductPage } from '../service/product-page';
import { productRequest } from '../service/product-request';
import { createUpstreamAgent } from './pool-starvation-agent';

export const poolStarvation: DemoScenario = {
  name: 'pool-starvation',
  description: 'requests queue for a socket: a 2-socket keep-alive pool in front of a 200-400 ms upstream',
  load: {
    requests: [
      { method: 'GET', path: '/products/3/availability' },
      { method: 'GET', path: '/products/9/availability' },
      { method: 'GET', path: '/products/27/availability' },
    ],
    concurrency: 12,
    ratePerSecond: 20,
  },
  start: async (context) => startAvailabilityApi(context),
};

/** What `GET /products/:id/availability` answers. */
interface AvailabilityPage extends ProductPage {
  available: number;
}

function startAvailabilityApi({ upstreamUrl }: ScenarioContext): ScenarioService {
  const agent = createUpstreamAgent();

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const { productId } = await productRequest(request, /^\/products\/(\d+)\/availability$/);
    sendJson(response, 200, await fetchAvailabilityPage(agent, upstreamUrl, productId));
  }

  return { handle, stop: async () => agent.destroy() };
}

async function fetchAvailabilityPage(
  agent: http.Agent,
  upstreamUrl: string,
  productId: number,
): Promise<AvailabilityPage> {
  const [page, stock] = await Promise.all([
    fetchProductPage(agent, upstreamUrl, productId),
    fetchWarehouseStock(agent, upstreamUrl, productId),
  ]);
  return { ...page, available: stock.available };
}

/** The warehouse answers in 200–400 ms, holding one of the pool's two sockets all that time. */
function fetchWarehouseStock(agent: http.Agent, upstreamUrl: string, productId: number): Promise<Stock> {
  return requestJson<Stock>(agent, 'GET', `${upstreamUrl}/stock/${productId}`);
}
