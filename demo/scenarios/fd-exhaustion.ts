/**
 * fd-exhaustion: every order is appended to a journal file opened per request and never closed. Raw
 * descriptors are not closed by the garbage collector, so the open-descriptor count climbs with every order
 * toward the process limit ("EMFILE: too many open files").
 */
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createLeakBudget } from '../leak-budget';
import type { LeakBudget } from '../leak-budget';
import type { DemoScenario, ScenarioContext, ScenarioService } from '../scenario';
import { authenticate } from '../service/customer-session';
import { HttpError, readJsonBody, sendJson } from '../service/http-json';
import { fetchProductPage, parseOrderRequest, priceOrder } from '../service/product-page';
import { matchRoute } from '../service/routes';

export const fdExhaustion: DemoScenario = {
  name: 'fd-exhaustion',
  description:
    'descriptors climb toward the limit: an order journal file is opened per request and never closed',
  // Two orders in three requests: ~16 descriptors a second, a climb a 30 s recording cannot miss.
  load: {
    requests: [
      { method: 'POST', path: '/orders', body: { productId: 42, quantity: 2 } },
      { method: 'GET', path: '/products/7' },
      { method: 'POST', path: '/orders', body: { productId: 7, quantity: 1 } },
    ],
    concurrency: 4,
    ratePerSecond: 24,
  },
  start: startJournaledOrdersApi,
};

const open = promisify(fs.open);
const write = promisify(fs.write);

async function startJournaledOrdersApi({ upstreamUrl }: ScenarioContext): Promise<ScenarioService> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64, timeout: 4_000 });
  const journalDir = await mkdtemp(path.join(os.tmpdir(), 'hyperscope-demo-journal-'));
  const journalPath = path.join(journalDir, 'orders.ndjson');
  const leaks = createLeakBudget();
  let nextOrderId = 1;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const customer = await authenticate(request);
    const product = matchRoute(request, 'GET', /^\/products\/(\d+)$/);
    if (product)
      return sendJson(response, 200, await fetchProductPage(agent, upstreamUrl, Number(product[0])));
    if (matchRoute(request, 'POST', /^\/orders$/)) {
      const order = parseOrderRequest(await readJsonBody(request));
      const totalCents = await priceOrder(agent, upstreamUrl, order);
      const entry = { orderId: nextOrderId++, customerId: customer.customerId, ...order, totalCents };
      await appendOrderJournal(journalPath, entry, leaks);
      return sendJson(response, 201, { orderId: entry.orderId, totalCents });
    }
    throw new HttpError(404, 'no such route');
  }

  return {
    handle,
    stop: async () => {
      leaks.releaseAll();
      agent.destroy();
      await rm(journalDir, { recursive: true, force: true });
    },
  };
}

/** Appends one line to the order journal: opens the file, writes, and forgets to close it (the leak). */
async function appendOrderJournal(journalPath: string, entry: object, leaks: LeakBudget): Promise<void> {
  const fd = await open(journalPath, 'a');
  await write(fd, `${JSON.stringify(entry)}\n`);
  // Not part of the pitfall: the demo's safety valve keeps the number to close it at stop, and closes it
  // at once when leaking more would bring the process near its open-files limit.
  leaks.hold(1, () => fs.closeSync(fd));
}
