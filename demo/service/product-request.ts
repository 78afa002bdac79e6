/** The front's product routes: who is asking, and for which product. */
import type { IncomingMessage } from 'node:http';
import { authenticate } from './customer-session';
import { HttpError } from './http-json';
import { matchRoute } from './routes';

/** `GET /products/:id`. */
export const PRODUCT_ROUTE = /^\/products\/(\d+)$/;

/** An authenticated request for one product. */
export interface ProductRequest {
  customerId: number;
  productId: number;
}

/**
 * Authenticates the caller, then reads the product id of a `GET` on `route` (first group: the id);
 * any other request is a 404.
 */
export async function productRequest(
  request: IncomingMessage,
  route: RegExp = PRODUCT_ROUTE,
): Promise<ProductRequest> {
  const { customerId } = await authenticate(request);
  const match = matchRoute(request, 'GET', route);
  if (!match) throw new HttpError(404, 'no such route');
  return { customerId, productId: Number(match[0]) };
}
