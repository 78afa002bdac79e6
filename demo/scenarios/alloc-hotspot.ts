/**
 * alloc-hotspot: the catalogue export renders the whole price list as one CSV string per request
 * (~100 KiB, garbage as soon as it is sent), and every other export is also serialized into a
 * "download again" cache keyed by its export id. Nothing is ever looked up again and nothing expires:
 * the cache grows by ~2 MiB/s under the built-in load, all of it allocated in `cacheExport`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DemoScenario, ScenarioService } from '../scenario';
import { authenticate } from '../service/customer-session';
import { HttpError } from '../service/http-json';
import { matchRoute } from '../service/routes';

export const allocHotspot: DemoScenario = {
  name: 'alloc-hotspot',
  description:
    'one site allocates most bytes: a ~100 KiB CSV string per export, and a cache of exports that only grows',
  load: {
    requests: [1, 2, 3, 4].map((page) => ({ method: 'GET' as const, path: `/catalog/export?page=${page}` })),
    concurrency: 4,
    ratePerSecond: 30,
  },
  start: async () => startCatalogExportApi(),
};

/** Rows per export: ~60 bytes each, so one export is ~100 KiB of text. */
const ROWS_PER_EXPORT = 2000;
/** One export in this many goes to the cache. */
const CACHE_EVERY = 2;
// The demo's safety valve: past this many cached characters the oldest entries go, so a demo left
// running does not exhaust memory. Newly cached exports still survive every window, as in the leak.
const CACHE_LIMIT_CHARS = 128 * 1024 * 1024;

/** A catalogue entry as the export lists it; prices in cents. */
interface CatalogRow {
  sku: string;
  name: string;
  category: string;
  priceCents: number;
  stock: number;
}

function startCatalogExportApi(): ScenarioService {
  const catalog = buildCatalog(ROWS_PER_EXPORT * 4);
  const downloadAgainCache = new Map<string, string>();
  let cachedChars = 0;
  let nextExportId = 1;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const customer = await authenticate(request);
    if (!matchRoute(request, 'GET', /^\/catalog\/export$/)) throw new HttpError(404, 'no such route');
    const page = Number(new URL(request.url ?? '/', 'http://front').searchParams.get('page') ?? 1);
    const first = ((Math.max(1, page) - 1) * ROWS_PER_EXPORT) % catalog.length;
    const csv = renderCatalogExport(catalog.slice(first, first + ROWS_PER_EXPORT));
    const exportId = nextExportId++;
    if (exportId % CACHE_EVERY === 0) {
      cachedChars += cacheExport(downloadAgainCache, `${customer.customerId}:${exportId}`, csv);
      cachedChars -= evictOldest(downloadAgainCache, cachedChars - CACHE_LIMIT_CHARS);
    }
    response.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-length': Buffer.byteLength(csv),
    });
    response.end(csv);
  }

  return { handle, stop: async () => downloadAgainCache.clear() };
}

/** The export as CSV text: a header line and one line per row. Allocates the rows and the joined text. */
export function renderCatalogExport(rows: readonly CatalogRow[]): string {
  const lines = ['sku,name,category,price,stock'];
  for (const row of rows) {
    const price = `${Math.floor(row.priceCents / 100)}.${String(row.priceCents % 100).padStart(2, '0')}`;
    lines.push(`${row.sku},"${row.name}",${row.category},${price},${row.stock}`);
  }
  return lines.join('\n');
}

/** Keeps the export, serialized with its key and time, for a "download again" link; returns its length. */
export function cacheExport(cache: Map<string, string>, key: string, csv: string): number {
  const entry = JSON.stringify({ key, cachedAt: new Date().toISOString(), csv });
  cache.set(key, entry);
  return entry.length;
}

/** Drops the oldest entries until at least `excessChars` characters are gone; returns how many went. */
function evictOldest(cache: Map<string, string>, excessChars: number): number {
  let dropped = 0;
  for (const [key, entry] of cache) {
    if (dropped >= excessChars) break;
    cache.delete(key);
    dropped += entry.length;
  }
  return dropped;
}

/** A deterministic catalogue of `count` rows. */
function buildCatalog(count: number): CatalogRow[] {
  const categories = ['books', 'garden', 'kitchen', 'toys', 'tools'];
  return Array.from({ length: count }, (_, i) => ({
    sku: `SKU-${String(100_000 + i)}`,
    name: `Product ${i + 1}`,
    category: categories[i % categories.length]!,
    priceCents: 499 + ((i * 7919) % 20_000),
    stock: (i * 31) % 250,
  }));
}
