/** A product page and an order's price, read from the catalog upstream through the caller's pool. */
import type http from 'node:http';
import type { Price, Product } from './catalog-data';
import { HttpError, requestJson } from './http-json';

/** What `GET /products/:id` answers. */
export interface ProductPage extends Product {
  price: { amountCents: number; currency: string };
}

/** An order as a customer posts it to `POST /orders`. */
export interface OrderRequest {
  productId: number;
  quantity: number;
}

export async function fetchProductPage(
  agent: http.Agent,
  upstreamUrl: string,
  productId: number,
): Promise<ProductPage> {
  const [product, price] = await Promise.all([
    requestJson<Product>(agent, 'GET', `${upstreamUrl}/products/${productId}`),
    requestJson<Price>(agent, 'GET', `${upstreamUrl}/prices/${productId}`),
  ]);
  return { ...product, price: { amountCents: price.amountCents, currency: price.currency } };
}

/** Checks a posted order; a malformed one is a 400. */
export function parseOrderRequest(body: unknown): OrderRequest {
  const { productId, quantity } = (body ?? {}) as Partial<OrderRequest>;
  if (!Number.isInteger(productId) || productId! <= 0)
    throw new HttpError(400, 'productId must be a positive integer');
  if (!Number.isInteger(quantity) || quantity! <= 0 || quantity! > 100) {
    throw new HttpError(400, 'quantity must be an integer from 1 to 100');
  }
  return { productId: productId!, quantity: quantity! };
}

/** The order's total in cents, at the current price. */
export async function priceOrder(
  agent: http.Agent,
  upstreamUrl: string,
  order: OrderRequest,
): Promise<number> {
  const price = await requestJson<Price>(agent, 'GET', `${upstreamUrl}/prices/${order.productId}`);
  return price.amountCents * order.quantity;
}
