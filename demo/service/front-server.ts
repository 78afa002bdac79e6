/**
 * The demo's front service: the HTTP server users, the load loop and the recorder see. It answers
 * `/health` and `/metrics` itself and hands every other request to the scenario.
 */
import http from 'node:http';
import type { ScenarioService } from '../scenario';
import { HttpError, sendJson } from './http-json';
import { closeServer, listen, serverUrl } from './server-lifecycle';

/** Counters the front service reports at `GET /metrics`. */
export interface FrontMetrics {
  scenario: string;
  /** Scenario requests answered with a status below 500. */
  served: number;
  /** Scenario requests that failed (an error answer of 500 or more). */
  failed: number;
  /** Scenario requests started and not yet finished. */
  inFlight: number;
}

export interface FrontServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function startFrontServer(
  scenario: string,
  service: ScenarioService,
  host: string,
  port: number,
): Promise<FrontServer> {
  const metrics: FrontMetrics = { scenario, served: 0, failed: 0, inFlight: 0 };
  const server = http.createServer((request, response) => {
    if (request.method === 'GET' && request.url === '/health') return sendJson(response, 200, { ok: true });
    if (request.method === 'GET' && request.url === '/metrics') return sendJson(response, 200, metrics);
    metrics.inFlight++;
    service
      .handle(request, response)
      .catch((error: unknown) => {
        const status = error instanceof HttpError ? error.status : 500;
        sendJson(response, status, { error: error instanceof Error ? error.message : String(error) });
      })
      .finally(() => {
        metrics.inFlight--;
        if (response.statusCode >= 500 || !response.writableEnded) metrics.failed++;
        else metrics.served++;
      });
  });
  const boundPort = await listen(server, port, host);
  return { url: serverUrl(host, boundPort), close: () => closeServer(server) };
}
