/**
 * worker-pool-starvation: quotes are priced in a worker thread, to keep the pricing off the front's event
 * loop. The worker checks the warehouse (200–400 ms) for every quote through a pool of 2 sockets, so under
 * thirty concurrent callers quotes queue in the worker's pool for seconds — and the front's requests
 * wait on the worker's replies, with nothing of their own to show for it: no socket, no timer, no lock.
 */
import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Worker } from 'node:worker_threads';
import type { DemoScenario, ScenarioContext, ScenarioService } from '../scenario';
import { HttpError, sendJson } from '../service/http-json';
import { productRequest } from '../service/product-request';
import { bundledWorkerFile } from '../support/bundled-worker';
import type { PricingWorkerData, Quote, QuoteReply, QuoteRequest } from './pricing-worker';

export const workerPoolStarvation: DemoScenario = {
  name: 'worker-pool-starvation',
  description:
    'requests wait on a worker thread: it prices quotes through a 2-socket pool to a 200-400 ms upstream',
  load: {
    requests: [
      { method: 'GET', path: '/products/3/quote' },
      { method: 'GET', path: '/products/9/quote' },
      { method: 'GET', path: '/products/27/quote' },
    ],
    concurrency: 32,
    ratePerSecond: 40,
  },
  start: async (context) => startQuotesApi(context),
};

const QUOTE_ROUTE = /^\/products\/(\d+)\/quote$/;

async function startQuotesApi({ upstreamUrl }: ScenarioContext): Promise<ScenarioService> {
  const pricing = await PricingThread.start(upstreamUrl);

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const { productId } = await productRequest(request, QUOTE_ROUTE);
    sendJson(response, 200, await pricing.quote(productId));
  }

  return { handle, stop: () => pricing.stop() };
}

/** The pricing worker thread and the quotes asked of it, by request id. */
class PricingThread {
  private readonly waiting = new Map<number, { resolve(quote: Quote): void; reject(error: Error): void }>();
  private nextId = 1;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: QuoteReply) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if ('quote' in reply) waiter?.resolve(reply.quote);
      else waiter?.reject(new HttpError(502, reply.error));
    });
    worker.once('exit', () => {
      for (const waiter of this.waiting.values())
        waiter.reject(new HttpError(503, 'the pricing worker exited'));
      this.waiting.clear();
    });
  }

  /** Starts the worker; resolves once it runs (rejects if its script cannot start). */
  static async start(upstreamUrl: string): Promise<PricingThread> {
    const data: PricingWorkerData = { upstreamUrl };
    const worker = new Worker(bundledWorkerFile('demo-pricing-worker.js'), { workerData: data });
    await once(worker, 'online');
    return new PricingThread(worker);
  }

  /** Hands one quote to the worker; settles when it answers. */
  quote(productId: number): Promise<Quote> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.waiting.set(id, { resolve, reject });
      const request: QuoteRequest = { id, productId };
      this.worker.postMessage(request);
    });
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}
