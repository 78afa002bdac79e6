/**
 * event-loop-block: the sales report is computed synchronously on the request path: totals plus a
 * signature chained over every order with SHA-256, 100–300 ms of CPU per report. While it runs, every other
 * request of the process waits, health checks included.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DemoScenario, ScenarioContext, ScenarioService } from '../scenario';
import type { Order } from '../service/catalog-data';
import { ordersPage } from '../service/catalog-data';
import { authenticate } from '../service/customer-session';
import { HttpError, requestJson, sendJson } from '../service/http-json';
import { fetchProductPage } from '../service/product-page';
import { PRODUCT_ROUTE } from '../service/product-request';
import { matchRoute } from '../service/routes';
import { roomyUpstreamAgent } from '../service/upstream-agent';

export const eventLoopBlock: DemoScenario = {
  name: 'event-loop-block',
  description:
    'synchronous work stalls every request: a sales report hashed on the request path (~200 ms each)',
  load: {
    requests: [
      { method: 'GET', path: '/reports/sales' },
      { method: 'GET', path: '/products/1' },
      { method: 'GET', path: '/products/42' },
    ],
    concurrency: 3,
    ratePerSecond: 9,
  },
  start: async (context) => startReportingApi(context),
};

/** What `GET /reports/sales` answers. */
export interface SalesReport {
  orders: number;
  totalsByRegionCents: Record<string, number>;
  /** Hex SHA-256 chained over every order. */
  signature: string;
}

const ORDERS_PER_REPORT = 500;
// The CPU time one report should take on this machine; the rounds are calibrated to it at start.
const TARGET_REPORT_MS = 200;

function startReportingApi({ upstreamUrl }: ScenarioContext): ScenarioService {
  const agent = roomyUpstreamAgent();
  const signatureRounds = calibrateSignatureRounds(TARGET_REPORT_MS);

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    await authenticate(request);
    const product = matchRoute(request, 'GET', PRODUCT_ROUTE);
    if (product)
      return sendJson(response, 200, await fetchProductPage(agent, upstreamUrl, Number(product[0])));
    if (matchRoute(request, 'GET', /^\/reports\/sales$/)) {
      const orders = await requestJson<Order[]>(
        agent,
        'GET',
        `${upstreamUrl}/orders?limit=${ORDERS_PER_REPORT}`,
      );
      return sendJson(response, 200, computeReportSync(orders, signatureRounds));
    }
    throw new HttpError(404, 'no such route');
  }

  return { handle, stop: async () => agent.destroy() };
}

/** Totals per region and a signature stretched `signatureRounds` times per order, all synchronous. */
export function computeReportSync(orders: Order[], signatureRounds: number): SalesReport {
  const totals: Record<string, number> = {};
  let signature = '';
  for (const order of orders) {
    const cents = order.lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
    totals[order.region] = (totals[order.region] ?? 0) + cents;
    for (let round = 0; round < signatureRounds; round++) {
      signature = createHash('sha256').update(signature).update(JSON.stringify(order)).digest('hex');
    }
  }
  return { orders: orders.length, totalsByRegionCents: totals, signature };
}

/**
 * The rounds that make one report take about `targetMs` of CPU here (machines differ by 10× in speed).
 * Measured in CPU time, not wall time: calibrating on a busy machine (a CI runner, other services) would
 * otherwise see each round slow, choose too few, and the report would stop blocking once the machine calms.
 */
function calibrateSignatureRounds(targetMs: number): number {
  const sample = ordersPage(ORDERS_PER_REPORT);
  const roundMs = Math.min(
    ...[0, 1, 2, 3, 4].map(() => {
      const started = process.cpuUsage();
      computeReportSync(sample, 1);
      const used = process.cpuUsage(started);
      return (used.user + used.system) / 1000;
    }),
  );
  return Math.max(1, Math.min(10_000, Math.round(targetMs / Math.max(roundMs, 0.01))));
}
