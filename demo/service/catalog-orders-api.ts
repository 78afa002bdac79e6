/**
 * The product API the order scenarios share: `GET /products/:id` and `POST /orders` (priced at the
 * current price). What happens to a priced order (an audit call, a journal line) is each scenario's own.
 */
import type http from 'node:http';
import type { ScenarioService } from '../scenario';
import { authenticate } from './customer-session';
import { HttpError, readJsonBody, sendJson } from './http-json';
import type { OrderRequest } from './product-page';
import { fetchProductPage, parseOrderRequest, priceOrder } from './product-page';
import { PRODUCT_ROUTE } from './product-request';
import { matchRoute } from './routes';

/** An order once priced, with the id it is answered with. */
export interface PricedOrder {
  orderId: number;
  customerId: number;
  order: OrderRequest;
  totalCents: number;
}

/**
 * The API's request handler, calling the upstream through `agent`; `recordOrder` runs for each priced
 * order before it is answered (201 with its id and total).
 */
export function catalogOrdersHandler(
  agent: http.Agent,
  upstreamUrl: string,
  recordOrder: (priced: PricedOrder) => Promise<void>,
): ScenarioService['handle'] {
  let nextOrderId = 1;
  return async function handle(request, response) {
    const customer = await authenticate(request);
    const product = matchRoute(request, 'GET', PRODUCT_ROUTE);
    if (product)
      return sendJson(response, 200, await fetchProductPage(agent, upstreamUrl, Number(product[0])));
    if (matchRoute(request, 'POST', /^\/orders$/)) {
      const order = parseOrderRequest(await readJsonBody(request));
      const totalCents = await priceOrder(agent, upstreamUrl, order);
      const orderId = nextOrderId++;
      await recordOrder({ orderId, customerId: customer.customerId, order, totalCents });
      return sendJson(response, 201, { orderId, totalCents });
    }
    throw new HttpError(404, 'no such route');
  };
}
