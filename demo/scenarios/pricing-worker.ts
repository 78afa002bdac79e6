/**
 * Worker-thread entry of the `worker-pool-starvation` scenario (bundled to `out/cli/demo-pricing-worker.js`):
 * prices quotes off the front service's event loop. Each quote checks the warehouse (200–400 ms) and reads
 * the list price, through one keep-alive pool of 2 sockets: sized for the price lookups, before the
 * warehouse check was added. The quotes the front hands over faster than that wait here, in the pool.
 *
 * Protocol: `workerData` is {@link PricingWorkerData}; a {@link QuoteRequest} message is answered with a
 * {@link QuoteReply} carrying the same `id`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Price, Stock } from '../service/catalog-data';
import { requestJson } from '../service/http-json';
import { createUpstreamAgent } from './pool-starvation-agent';

export interface PricingWorkerData {
  /** The demo's upstream, `http://127.0.0.1:PORT`. */
  upstreamUrl: string;
}

export interface QuoteRequest {
  id: number;
  productId: number;
}

/** A priced quote; `amountCents` in hundredths of `currency`. */
export interface Quote {
  productId: number;
  amountCents: number;
  currency: string;
  available: number;
}

export type QuoteReply = { id: number; quote: Quote } | { id: number; error: string };

const port = parentPort;
if (port) {
  const { upstreamUrl } = workerData as PricingWorkerData;
  const agent = createUpstreamAgent();
  port.on('message', (request: QuoteRequest) => {
    void priceQuote(agent, upstreamUrl, request).then((reply) => port.postMessage(reply));
  });
}

async function priceQuote(
  agent: ReturnType<typeof createUpstreamAgent>,
  upstreamUrl: string,
  { id, productId }: QuoteRequest,
): Promise<QuoteReply> {
  try {
    const stock = await requestJson<Stock>(agent, 'GET', `${upstreamUrl}/stock/${productId}`);
    const price = await requestJson<Price>(agent, 'GET', `${upstreamUrl}/prices/${productId}`);
    return { id, quote: { ...price, available: stock.available } };
  } catch (error) {
    return { id, error: error instanceof Error ? error.message : String(error) };
  }
}
