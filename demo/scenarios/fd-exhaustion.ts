/**
 * fd-exhaustion: every order is appended to a journal file opened per request and never closed. Raw
 * descriptors are not closed by the garbage collector, so the open-descriptor count climbs with every order
 * toward the process limit ("EMFILE: too many open files").
 */
import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createLeakBudget } from '../leak-budget';
import type { LeakBudget } from '../leak-budget';
import type { DemoScenario, ScenarioContext, ScenarioService } from '../scenario';
import { catalogOrdersHandler } from '../service/catalog-orders-api';
import { roomyUpstreamAgent } from '../service/upstream-agent';

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
  const agent = roomyUpstreamAgent();
  const journalDir = await mkdtemp(path.join(os.tmpdir(), 'hyperscope-demo-journal-'));
  const journalPath = path.join(journalDir, 'orders.ndjson');
  const leaks = createLeakBudget();
  const handle = catalogOrdersHandler(agent, upstreamUrl, ({ orderId, customerId, order, totalCents }) =>
    appendOrderJournal(journalPath, { orderId, customerId, ...order, totalCents }, leaks),
  );

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
