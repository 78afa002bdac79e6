/**
 * socket-leak-agent-per-request: each order posts its audit record through a keep-alive `http.Agent` made
 * for that call (options built per call, as HTTP client wrappers often do). The response is read in full,
 * so its socket goes back to that agent's pool, idle, and nothing ever uses that agent again: with no idle
 * timeout and an upstream that keeps idle connections, one more open socket per order.
 */
import http from 'node:http';
import { createLeakBudget } from '../leak-budget';
import type { LeakBudget } from '../leak-budget';
import { productAndOrderTraffic } from '../load/product-traffic';
import type { DemoScenario, ScenarioContext, ScenarioService } from '../scenario';
import { catalogOrdersHandler } from '../service/catalog-orders-api';
import { HttpError, requestJson } from '../service/http-json';

export const socketLeakAgentPerRequest: DemoScenario = {
  name: 'socket-leak-agent-per-request',
  description:
    'sockets pile up: each audit call makes its own keep-alive agent, whose idle socket never closes',
  load: { requests: productAndOrderTraffic, concurrency: 4, ratePerSecond: 16 },
  start: async (context) => startOrdersApi(context),
};

// Both ends of a leaked connection live in this process: the front's socket and the upstream's.
const DESCRIPTORS_PER_LEAKED_CONNECTION = 2;

function startOrdersApi({ upstreamUrl }: ScenarioContext): ScenarioService {
  const catalogAgent = new http.Agent({ keepAlive: true, timeout: 4_000 });
  const leaks = createLeakBudget();
  const handle = catalogOrdersHandler(catalogAgent, upstreamUrl, ({ orderId, customerId }) =>
    postAuditRecord(upstreamUrl, { orderId, customerId }, leaks),
  );
  return {
    handle,
    stop: async () => {
      leaks.releaseAll();
      catalogAgent.destroy();
    },
  };
}

/** Posts an audit record through a keep-alive agent of its own (the leak: one agent, one idle socket, per call). */
async function postAuditRecord(
  upstreamUrl: string,
  record: { orderId: number; customerId: number },
  leaks: LeakBudget,
): Promise<void> {
  const agent = new http.Agent({ keepAlive: true });
  // Not part of the pitfall: the demo's safety valve, which closes the agent's sockets once leaking more
  // would bring the process near its open-files limit.
  leaks.hold(DESCRIPTORS_PER_LEAKED_CONNECTION, () => agent.destroy());
  const reply = await requestJson<{ accepted?: boolean }>(agent, 'POST', `${upstreamUrl}/audit`, record);
  if (reply.accepted === false) throw new HttpError(502, 'audit service refused the record');
}
