/**
 * tls-stalled: every product page also sends an audit record over HTTPS, fire-and-forget, to an audit
 * endpoint configured with the wrong port: a plain-TCP service that accepts the connection and never
 * answers the ClientHello. Nothing waits on the result, so nothing looks wrong, but each record holds a
 * socket in a handshake that never finishes until its 20 s timeout.
 */
import type http from 'node:http';
import https from 'node:https';
import type { DemoScenario, ScenarioContext, ScenarioService } from '../scenario';
import { sendJson } from '../service/http-json';
import { fetchProductPage } from '../service/product-page';
import { productRequest } from '../service/product-request';
import { roomyUpstreamAgent } from '../service/upstream-agent';
import type { TlsPeer } from '../support/tls-partner';
import { startSilentPeer } from '../support/tls-partner';

// Long enough to hold many sockets, short enough that the demo's descriptors stay bounded (rate × 20 s).
const AUDIT_TIMEOUT_MS = 20_000;

export const tlsStalled: DemoScenario = {
  name: 'tls-stalled',
  description:
    'TLS handshakes that never finish: fire-and-forget HTTPS audit calls to a peer that never answers',
  load: {
    requests: [
      { method: 'GET', path: '/products/6' },
      { method: 'GET', path: '/products/12' },
    ],
    concurrency: 2,
    ratePerSecond: 5,
  },
  start: async (context) => startAuditedCatalog(context, await startSilentPeer()),
};

function startAuditedCatalog({ upstreamUrl }: ScenarioContext, audit: TlsPeer): ScenarioService {
  const agent = roomyUpstreamAgent();
  const inFlight = new Set<http.ClientRequest>();
  return {
    async handle(request, response) {
      const { customerId, productId } = await productRequest(request);
      const page = await fetchProductPage(agent, upstreamUrl, productId);
      inFlight.add(sendAuditRecord(audit.url, { customerId, productId: page.id }, inFlight));
      sendJson(response, 200, page);
    },
    stop: async () => {
      for (const request of inFlight) request.destroy();
      agent.destroy();
      await audit.stop();
    },
  };
}

/** Posts the record without waiting for it; a failure is only logged at debug level (here: dropped). */
function sendAuditRecord(url: string, record: object, inFlight: Set<http.ClientRequest>): http.ClientRequest {
  const request = https.request(`${url}/audit`, {
    method: 'POST',
    agent: false,
    rejectUnauthorized: false,
    timeout: AUDIT_TIMEOUT_MS,
    headers: { 'content-type': 'application/json' },
  });
  request.on('timeout', () => request.destroy());
  request.on('error', () => undefined);
  request.on('close', () => inFlight.delete(request));
  request.end(JSON.stringify(record));
  return request;
}
