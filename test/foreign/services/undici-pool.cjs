// Inventory API: each order page looks up three SKUs through one undici Pool to the inventory service.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS service on purpose */
const http = require('node:http');
const { Pool } = require(process.env.UNDICI);

const inventory = new Pool(process.env.UPSTREAM, { connections: process.env.HEALTHY ? 64 : 2 });

async function lookupSku(sku) {
  const { statusCode, body } = await inventory.request({ path: `/inventory/${sku}`, method: 'GET' });
  const text = await body.text();
  if (statusCode !== 200) throw new Error(`inventory ${statusCode}`);
  return JSON.parse(text);
}

async function orderPage(request, response) {
  const skus = [11, 12, 13];
  const items = await Promise.all(skus.map(lookupSku));
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify({ items }));
}

const server = http.createServer((request, response) => {
  orderPage(request, response).catch((error) => {
    response.statusCode = 502;
    response.end(String(error));
  });
});
server.listen(0, '127.0.0.1', () => console.log(`ready ${server.address().port}`));
