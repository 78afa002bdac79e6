/**
 * healthy: the product API done right. Keep-alive pools with room to spare and an idle timeout, every
 * upstream response read to its end, no synchronous work. Orders also ask a tax service over HTTPS through
 * a keep-alive `https.Agent` that verifies its certificate: few handshakes, all fast. A recording of it has
 * no warning to give — about pools, sockets or TLS.
 */
import type { DemoScenario, ScenarioContext, ScenarioService } from '../scenario';
import { catalogOrdersHandler } from '../service/catalog-orders-api';
import { requestJson } from '../service/http-json';
import { roomyTlsUpstreamAgent, roomyUpstreamAgent } from '../service/upstream-agent';
import { productAndOrderTraffic } from '../load/product-traffic';
import { startTaxService, type TlsService } from '../support/tls-partner';

export const healthy: DemoScenario = {
  name: 'healthy',
  description:
    'no pitfall: roomy keep-alive pools (one over HTTPS) with an idle timeout, every response consumed, no sync work',
  load: { requests: productAndOrderTraffic, concurrency: 4, ratePerSecond: 20 },
  start: async (context) => startCatalogApi(context, await startTaxService()),
};

function startCatalogApi({ upstreamUrl }: ScenarioContext, taxService: TlsService): ScenarioService {
  const agent = roomyUpstreamAgent();
  const tlsAgent = roomyTlsUpstreamAgent(taxService.cert);
  const handle = catalogOrdersHandler(agent, upstreamUrl, async ({ orderId, customerId, totalCents }) => {
    const tax = await requestJson<{ ratePercent: number }>(tlsAgent, 'GET', `${taxService.url}/rate`);
    const taxCents = Math.round((totalCents * tax.ratePercent) / 100);
    await requestJson(agent, 'POST', `${upstreamUrl}/audit`, { orderId, customerId, taxCents });
  });
  return {
    handle,
    stop: async () => {
      agent.destroy();
      tlsAgent.destroy();
      await taxService.stop();
    },
  };
}
