/**
 * promise-leak: every product page subscribes to restock news for its product, to drop the page's cached
 * "low stock" badge when stock arrives. Nothing ever publishes restocks and nobody unsubscribes, so each
 * page view leaves one more promise (and the function awaiting it) pending for as long as the process lives.
 */
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DemoScenario, ScenarioContext, ScenarioService } from '../scenario';
import type { Stock } from '../service/catalog-data';
import { authenticate } from '../service/customer-session';
import { HttpError, sendJson } from '../service/http-json';
import { fetchProductPage } from '../service/product-page';
import { matchRoute } from '../service/routes';

export const promiseLeak: DemoScenario = {
  name: 'promise-leak',
  description: 'pending promises pile up: each page view waits for restock news that never comes',
  load: {
    requests: [
      { method: 'GET', path: '/products/3' },
      { method: 'GET', path: '/products/9' },
      { method: 'GET', path: '/products/27' },
    ],
    concurrency: 4,
    ratePerSecond: 20,
  },
  start: async (context) => startStorefrontApi(context),
};

// The demo may run for hours: past this many waiting subscribers it stops subscribing (~20 MB held).
const MAX_SUBSCRIBERS = 100_000;

/** Subscribers waiting for a product's next restock; `publish` would wake them, but nothing calls it. */
class RestockNews {
  private readonly waiting = new Map<number, ((stock: Stock) => void)[]>();
  size = 0;

  /** Settles at the product's next restock. */
  next(productId: number): Promise<Stock> {
    return new Promise((resolve) => {
      const list = this.waiting.get(productId) ?? [];
      list.push(resolve);
      this.waiting.set(productId, list);
      this.size++;
    });
  }

  publish(stock: Stock): void {
    const list = this.waiting.get(stock.productId) ?? [];
    this.waiting.delete(stock.productId);
    this.size -= list.length;
    for (const resolve of list) resolve(stock);
  }

  /** Forgets every subscriber (their promises stay pending, unreferenced, for GC). */
  clear(): void {
    this.waiting.clear();
    this.size = 0;
  }
}

function startStorefrontApi({ upstreamUrl }: ScenarioContext): ScenarioService {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64, timeout: 4_000 });
  const news = new RestockNews();
  const lowStockBadges = new Set<number>();

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    await authenticate(request);
    const product = matchRoute(request, 'GET', /^\/products\/(\d+)$/);
    if (!product) throw new HttpError(404, 'no such route');
    const productId = Number(product[0]);
    const page = await fetchProductPage(agent, upstreamUrl, productId);
    lowStockBadges.add(productId);
    // The leak: a subscription per page view, never settled, never removed.
    if (news.size < MAX_SUBSCRIBERS) void dropBadgeOnRestock(news, lowStockBadges, productId);
    sendJson(response, 200, { ...page, lowStock: lowStockBadges.has(productId) });
  }

  return {
    handle,
    stop: async () => {
      news.clear();
      agent.destroy();
    },
  };
}

/** Waits for the product's next restock, then drops its badge. */
async function dropBadgeOnRestock(news: RestockNews, badges: Set<number>, productId: number): Promise<void> {
  await news.next(productId);
  badges.delete(productId);
}
