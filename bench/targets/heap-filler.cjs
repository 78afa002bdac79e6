/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS bench target on purpose */
// A process holding about HS_HEAP_MIB MiB of live objects shaped like a service's (records with strings
// and arrays in Maps), its event loop ticking every 5 ms: the longest gap between ticks since it was last
// asked (`globalThis.longestGapMs()`) is how long something stopped it. Opens its inspector on a free port
// and prints the inspector's URL as its first stdout line.
const inspector = require('node:inspector');

const MIB = Number(process.env.HS_HEAP_MIB ?? 50);
const byCustomer = new Map();
// ~220 bytes per record with its strings and array: MIB MiB is MIB * 4,800 records.
for (let i = 0; i < MIB * 4800; i++) {
  const customer = `customer-${i % 5000}`;
  const list = byCustomer.get(customer) ?? [];
  list.push({ id: i, sku: `sku-${i}`, note: `order ${i} for ${customer}`, lines: [i, i + 1, i + 2] });
  byCustomer.set(customer, list);
}
globalThis.keep = byCustomer;

let last = performance.now();
let longest = 0;
setInterval(() => {
  const now = performance.now();
  longest = Math.max(longest, now - last);
  last = now;
}, 5);
globalThis.longestGapMs = () => {
  const gap = longest;
  longest = 0;
  return gap;
};
inspector.open(0, '127.0.0.1');
console.log(inspector.url());
