/**
 * tls-slow: every product page also asks a tax service over HTTPS, on a fresh connection each time
 * (`agent: false`, so no keep-alive and no session resumption), and the tax service's handshakes take
 * ~300 ms: its certificate lookup is slow. Pages pay a full slow handshake per request.
 */
import type http from 'node:http';
import https from 'node:https';
import type { DemoScenario, ScenarioContext, ScenarioService } from '../scenario';
import { readText, sendJson } from '../service/http-json';
import { fetchProductPage } from '../service/product-page';
import { productRequest } from '../service/product-request';
import { roomyUpstreamAgent } from '../service/upstream-agent';
import type { TlsPeer } from '../support/tls-partner';
import { startTaxService } from '../support/tls-partner';

const HANDSHAKE_DELAY_MS = 300;

export const tlsSlow: DemoScenario = {
  name: 'tls-slow',
  description:
    'slow TLS handshakes: a new HTTPS connection per page to a tax service whose handshake takes ~300 ms',
  load: {
    requests: [
      { method: 'GET', path: '/products/4' },
      { method: 'GET', path: '/products/8' },
    ],
    concurrency: 4,
    ratePerSecond: 10,
  },
  start: async (context) =>
    startTaxedCatalog(context, await startTaxService({ handshakeDelayMs: HANDSHAKE_DELAY_MS })),
};

function startTaxedCatalog({ upstreamUrl }: ScenarioContext, taxService: TlsPeer): ScenarioService {
  const agent = roomyUpstreamAgent();
  return {
    async handle(request, response) {
      const { productId } = await productRequest(request);
      const [page, tax] = await Promise.all([
        fetchProductPage(agent, upstreamUrl, productId),
        fetchTaxRate(taxService.url),
      ]);
      sendJson(response, 200, { ...page, taxPercent: tax.ratePercent });
    },
    stop: async () => {
      agent.destroy();
      await taxService.stop();
    },
  };
}

/** One HTTPS call on a connection of its own: a full handshake every time. */
async function fetchTaxRate(url: string): Promise<{ ratePercent: number }> {
  const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const request = https.get(`${url}/rate`, { agent: false, rejectUnauthorized: false }, resolve);
    request.once('error', reject);
  });
  return JSON.parse(await readText(response)) as { ratePercent: number };
}
