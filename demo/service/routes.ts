/** Matching a front request against a route. */
import type { IncomingMessage } from 'node:http';

/**
 * The captured groups of `pattern` on the request's path when the method matches, else undefined.
 * Example: `matchRoute(request, 'GET', /^\/products\/(\d+)$/)` → `['7']` for `GET /products/7`.
 */
export function matchRoute(request: IncomingMessage, method: string, pattern: RegExp): string[] | undefined {
  if (request.method !== method) return undefined;
  const match = pattern.exec(new URL(request.url ?? '/', 'http://front').pathname);
  return match ? match.slice(1) : undefined;
}
