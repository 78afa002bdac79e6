/**
 * tls-slow: every product page also asks a tax service over HTTPS, on a fresh connection each time
 * (`agent: false`, so no keep-alive and no session resumption), and the tax service's handshakes take
 * ~300 ms: its certificate lookup is slow. Pages pay a full slow handshake per request.
 */
import http from 'node:http';
import https from 'node:https';
import type { DemoScenario, ScenarioContext, ScenarioService } from '../scenario';
import { authenticate } from '../service/customer-session';
import { HttpError, readText, sendJson } from '../service/http-json';
import { fetchProductPage } from '../service/product-page';
import { matchRoute } from '../service/routes';
import type { TlsPeer } from '../support/tls-partner';
import { startSlowHandshakeTaxService } from '../support/tls-partner';

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
    startTaxedCatalog(context, await startSlowHandshakeTaxService(HANDSHAKE_DELAY_MS)),
};

function startTaxedCatalog({ upstreamUrl }: ScenarioContext, taxService: TlsPeer): ScenarioService {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64, timeout: 4_000 });
  return {
    async handle(request, response) {
      await authenticate(request);
      const route = matchRoute(request, 'GET', /^\/products\/(\d+)$/);
      if (!route) throw new HttpError(404, 'no such route');
      const [page, tax] = await Promise.all([
        fetchProductPage(agent, upstreamUrl, Number(route[0])),
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
