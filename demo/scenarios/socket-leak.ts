/**
 * socket-leak: placing an order notifies the audit service and checks only the status code. The response
 * body is never read, so its socket never goes back to the keep-alive pool (which has no socket limit) and
 * never closes: one more open socket per order, for as long as the process lives.
 */
import http from 'node:http';
import { createLeakBudget } from '../leak-budget';
import type { LeakBudget } from '../leak-budget';
import { productAndOrderTraffic } from '../load/product-traffic';
import type { DemoScenario, ScenarioContext, ScenarioService } from '../scenario';
import { catalogOrdersHandler } from '../service/catalog-orders-api';
import { HttpError, sendRequest } from '../service/http-json';

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
  const handle = catalogOrdersHandler(agent, upstreamUrl, ({ orderId, customerId }) =>
    notifyAuditService(agent, upstreamUrl, { orderId, customerId }, leaks),
  );

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
