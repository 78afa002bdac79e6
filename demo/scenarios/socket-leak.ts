/**
 * socket-leak: placing an order notifies the audit service and checks only the status code. The response
 * body is never read, so its socket never goes back to the keep-alive pool (which has no socket limit) and
 * never closes: one more open socket per order, for as long as the process lives.
 */
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createLeakBudget } from '../leak-budget';
import type { LeakBudget } from '../leak-budget';
import { productAndOrderTraffic } from '../load/product-traffic';
import type { DemoScenario, ScenarioContext, ScenarioService } from '../scenario';
import { authenticate } from '../service/customer-session';
import { HttpError, readJsonBody, sendJson, sendRequest } from '../service/http-json';
import { fetchProductPage, parseOrderRequest, priceOrder } from '../service/product-page';
import { matchRoute } from '../service/routes';

export const socketLeak: DemoScenario = {
  name: 'socket-leak',
  description: 'sockets pile up: audit responses are never consumed, so their sockets never return or close',
  load: { requests: productAndOrderTraffic, concurrency: 4, ratePerSecond: 16 },
  start: async (context) => startOrdersApi(context),
};

// Both ends of a leaked connection live in this process: the front's socket and the upstream's.
const DESCRIPTORS_PER_LEAKED_CONNECTION = 2;

function startOrdersApi({ upstreamUrl }: ScenarioContext): ScenarioService {
  const agent = new http.Agent({ keepAlive: true });
  const leaks = createLeakBudget();
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
      await notifyAuditService(agent, upstreamUrl, { orderId, customerId: customer.customerId }, leaks);
      return sendJson(response, 201, { orderId, totalCents });
    }
    throw new HttpError(404, 'no such route');
  }

  return {
    handle,
    stop: async () => {
      leaks.releaseAll();
      agent.destroy();
    },
  };
}

/** Posts an audit record; only the status matters here, so the body is never read (the leak). */
async function notifyAuditService(
  agent: http.Agent,
  upstreamUrl: string,
  record: { orderId: number; customerId: number },
  leaks: LeakBudget,
): Promise<void> {
  const response = await sendRequest(agent, 'POST', `${upstreamUrl}/audit`, record);
  // Not part of the pitfall: the demo's safety valve, which destroys the response once leaking more
  // would bring the process near its open-files limit.
  leaks.hold(DESCRIPTORS_PER_LEAKED_CONNECTION, () => response.destroy());
  if (response.statusCode !== 202) throw new HttpError(502, `audit service answered ${response.statusCode}`);
}
