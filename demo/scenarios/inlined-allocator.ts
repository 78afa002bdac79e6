/**
 * inlined-allocator: the statement route renders each invoice as text in `renderInvoice`, a small function the
 * handler calls on every request. Once the handler is hot, TurboFan inlines `renderInvoice` into it, and
 * V8's sampling heap profiler, which records only the outermost function of optimized code, attributes
 * its bytes to the handler. The CPU profile still names `renderInvoice` (it keeps inlined frames).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DemoScenario, ScenarioService } from '../scenario';
import { HttpError } from '../service/http-json';
import { matchRoute } from '../service/routes';

export const inlinedAllocator: DemoScenario = {
  name: 'inlined-allocator',
  description: 'one small function allocates almost everything, inlined into its route handler by TurboFan',
  load: {
    requests: [1, 2, 3, 4].map((id) => ({ method: 'GET' as const, path: `/statements/${id}` })),
    concurrency: 4,
    ratePerSecond: 200,
  },
  start: async () => startInvoiceApi(),
};

/** Lines per invoice. */
const ITEMS = 60;
/** Invoices rendered per request. */
const INVOICES_PER_STATEMENT = 100;

/** An order line; prices in cents. */
interface OrderItem {
  sku: string;
  name: string;
  qty: number;
  priceCents: number;
}

interface Order {
  id: string;
  items: readonly OrderItem[];
}

function startInvoiceApi(): ScenarioService {
  const items: OrderItem[] = Array.from({ length: ITEMS }, (_, i) => ({
    sku: `SKU-${100_000 + i}`,
    name: `Product ${i + 1}`,
    qty: (i % 5) + 1,
    priceCents: 499 + ((i * 7919) % 20_000),
  }));
  let served = 0;
  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const match = matchRoute(request, 'GET', /^\/statements\/(\d+)$/);
    if (!match) throw new HttpError(404, 'no such route');
    // A statement run renders every invoice of the customer's month and sends only their sizes.
    let chars = 0;
    for (let n = 0; n < INVOICES_PER_STATEMENT; n++)
      chars += renderInvoice({ id: `INV-${match[0]}-${served++}`, items }).length;
    response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    response.end(`${chars}\n`);
  }
  return { handle, stop: async () => undefined };
}

/** The invoice as text: one line per item, built by concatenation (each step a new string). */
export function renderInvoice(order: Order): string {
  let text = `invoice ${order.id}\n`;
  for (const item of order.items) {
    const cells = [order.id, item.sku, item.name, String(item.qty), String(item.priceCents * item.qty)];
    text += `${cells[0]};${cells[1]};${cells[2]};${cells[3]};${cells[4]};${order.items.length}\n`;
  }
  return text;
}
