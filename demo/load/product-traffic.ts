/** The load most scenarios send: product pages, and an order in every four requests. */
import type { LoadRequest } from '../scenario';

export const productAndOrderTraffic: readonly LoadRequest[] = [
  { method: 'GET', path: '/products/1' },
  { method: 'GET', path: '/products/42' },
  { method: 'GET', path: '/products/7' },
  { method: 'POST', path: '/orders', body: { productId: 42, quantity: 2 } },
];
