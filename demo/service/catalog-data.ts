/** The demo's data: products, prices and orders, generated deterministically from their ids. */

/** A product as the catalog upstream returns it. */
export interface Product {
  id: number;
  name: string;
  category: string;
}

/** A price; `amountCents` is in hundredths of `currency`. */
export interface Price {
  productId: number;
  amountCents: number;
  currency: string;
}

/** Units available in the warehouse. */
export interface Stock {
  productId: number;
  available: number;
}

/** One order line; `unitPriceCents` in hundredths of the order's currency. */
export interface OrderLine {
  productId: number;
  quantity: number;
  unitPriceCents: number;
}

/** An order as the orders upstream lists it; `createdAt` is an ISO date. */
export interface Order {
  id: number;
  customerId: number;
  region: string;
  createdAt: string;
  currency: string;
  lines: OrderLine[];
}

const CATEGORIES = ['books', 'garden', 'kitchen', 'toys', 'tools'];
const REGIONS = ['eu-west', 'eu-north', 'us-east', 'us-west', 'ap-south'];
const DAY_MS = 86_400_000;
const EPOCH_MS = Date.UTC(2025, 0, 1);

export function productById(id: number): Product {
  return { id, name: `Product ${id}`, category: CATEGORIES[id % CATEGORIES.length]! };
}

export function priceOf(productId: number): Price {
  return { productId, amountCents: 499 + ((productId * 7919) % 20_000), currency: 'EUR' };
}

export function stockOf(productId: number): Stock {
  return { productId, available: (productId * 31) % 250 };
}

/** `count` orders, the same ones every time, each with 1–5 lines. */
export function ordersPage(count: number): Order[] {
  return Array.from({ length: count }, (_, i) => {
    const id = 10_000 + i;
    return {
      id,
      customerId: 1 + ((id * 13) % 997),
      region: REGIONS[id % REGIONS.length]!,
      createdAt: new Date(EPOCH_MS + (i % 365) * DAY_MS).toISOString(),
      currency: 'EUR',
      lines: Array.from({ length: 1 + (id % 5) }, (_, line) => {
        const productId = 1 + ((id + line * 17) % 500);
        return { productId, quantity: 1 + (line % 3), unitPriceCents: priceOf(productId).amountCents };
      }),
    };
  });
}
