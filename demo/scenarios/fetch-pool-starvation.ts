/**
 * fetch-pool-starvation: the product API calls its upstream with `fetch` through an undici Agent limited
 * to 2 connections per origin, and every page now also asks the warehouse (200–400 ms). Under a dozen
 * concurrent callers, requests queue inside undici's pool; `http.Agent` inspection cannot see it.
 */
import { Agent, fetch } from 'undici';
import type { DemoScenario, ScenarioContext, ScenarioService } from '../scenario';
import type { Price, Product, Stock } from '../service/catalog-data';
import { HttpError, sendJson } from '../service/http-json';
import { productRequest } from '../service/product-request';

export const fetchPoolStarvation: DemoScenario = {
  name: 'fetch-pool-starvation',
  description:
    'fetch requests queue in undici: an Agent with connections: 2 in front of a 200-400 ms upstream',
  load: {
    requests: [
      { method: 'GET', path: '/products/3' },
      { method: 'GET', path: '/products/9' },
      { method: 'GET', path: '/products/27' },
    ],
    concurrency: 12,
    ratePerSecond: 20,
  },
  start: async (context) => startFetchingCatalog(context),
};

function startFetchingCatalog({ upstreamUrl }: ScenarioContext): ScenarioService {
  // Sized for the fast catalog calls, before the warehouse call was added to every page.
  const dispatcher = new Agent({ connections: 2, keepAliveTimeout: 4_000 });

  async function getJson<T>(path: string): Promise<T> {
    const response = await fetch(`${upstreamUrl}${path}`, { dispatcher });
    if (!response.ok) throw new HttpError(502, `upstream GET ${path} answered ${response.status}`);
    return (await response.json()) as T;
  }

  return {
    async handle(request, response) {
      const { productId: id } = await productRequest(request);
      const [product, price, stock] = await Promise.all([
        getJson<Product>(`/products/${id}`),
        getJson<Price>(`/prices/${id}`),
        getJson<Stock>(`/stock/${id}`),
      ]);
      const page = { ...product, price: { amountCents: price.amountCents, currency: price.currency } };
      sendJson(response, 200, { ...page, available: stock.available });
    },
    stop: () => dispatcher.close(),
  };
}
