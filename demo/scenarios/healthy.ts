/**
 * healthy: the product API done right. One keep-alive pool with room to spare and an idle timeout, every
 * upstream response read to its end, no synchronous work. A recording of it has no warning to give.
 */
import type { DemoScenario, ScenarioContext, ScenarioService } from '../scenario';
import { catalogOrdersHandler } from '../service/catalog-orders-api';
import { requestJson } from '../service/http-json';
import { roomyUpstreamAgent } from '../service/upstream-agent';
import { productAndOrderTraffic } from '../load/product-traffic';

export const healthy: DemoScenario = {
  name: 'healthy',
  description:
    'no pitfall: a roomy keep-alive pool with an idle timeout, every response consumed, no sync work',
  load: { requests: productAndOrderTraffic, concurrency: 4, ratePerSecond: 20 },
  start: async (context) => startCatalogApi(context),
};

function startCatalogApi({ upstreamUrl }: ScenarioContext): ScenarioService {
  const agent = roomyUpstreamAgent();
  const handle = catalogOrdersHandler(agent, upstreamUrl, async ({ orderId, customerId }) => {
    await requestJson(agent, 'POST', `${upstreamUrl}/audit`, { orderId, customerId });
  });
  return { handle, stop: async () => agent.destroy() };
}
