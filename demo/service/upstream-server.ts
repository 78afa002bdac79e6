/**
 * The demo's upstream: a catalog, pricing, warehouse and audit service on 127.0.0.1 with the latencies of a
 * real one (a few ms, and a slow warehouse). The front services call it through their connection pools.
 */
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { ordersPage, priceOf, productById, stockOf } from './catalog-data';
import { HttpError, readText, sendJson } from './http-json';
import { closeServer, listen, serverUrl } from './server-lifecycle';

/** A running upstream; `url` is `http://127.0.0.1:PORT`. */
export interface UpstreamServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Latency ranges in milliseconds, [min, max). The warehouse is the slow system everyone waits on. */
const UPSTREAM_LATENCY_MS = {
  fast: [2, 8],
  warehouse: [200, 400],
  orders: [5, 15],
} as const;

const MAX_ORDERS_PER_PAGE = 2_000;
// Like a load balancer that keeps idle upstream connections for minutes: a client that never releases or
// never times out its sockets keeps them open, so a leak shows as sockets that pile up.
const IDLE_CONNECTION_KEEP_MS = 10 * 60_000;

export async function startUpstreamServer(host: string): Promise<UpstreamServer> {
  const server = http.createServer((request, response) => {
    serveUpstream(request, response).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      sendJson(response, status, { error: error instanceof Error ? error.message : String(error) });
    });
  });
  server.keepAliveTimeout = IDLE_CONNECTION_KEEP_MS;
  const port = await listen(server, 0, host);
  return { url: serverUrl(host, port), close: () => closeServer(server) };
}

async function serveUpstream(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://upstream');
  const [, resource, idText] = url.pathname.split('/');
  const id = Number(idText);
  await readText(request);
  if (request.method === 'GET' && resource === 'products' && id > 0) {
    await sleep(latency(UPSTREAM_LATENCY_MS.fast));
    return sendJson(response, 200, productById(id));
  }
  if (request.method === 'GET' && resource === 'prices' && id > 0) {
    await sleep(latency(UPSTREAM_LATENCY_MS.fast));
    return sendJson(response, 200, priceOf(id));
  }
  if (request.method === 'GET' && resource === 'stock' && id > 0) {
    await sleep(latency(UPSTREAM_LATENCY_MS.warehouse));
    return sendJson(response, 200, stockOf(id));
  }
  if (request.method === 'GET' && resource === 'orders') {
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 100) || 100, MAX_ORDERS_PER_PAGE);
    await sleep(latency(UPSTREAM_LATENCY_MS.orders));
    return sendJson(response, 200, ordersPage(limit));
  }
  if (request.method === 'POST' && resource === 'audit') {
    await sleep(latency(UPSTREAM_LATENCY_MS.fast));
    return sendJson(response, 202, { accepted: true });
  }
  throw new HttpError(404, `no route for ${request.method} ${url.pathname}`);
}

function latency([min, max]: readonly [number, number]): number {
  return min + Math.random() * (max - min);
}
