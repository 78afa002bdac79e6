// Log shipper endpoint: assembles a batch by concatenating each record onto the whole buffer so far.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS service on purpose */
const http = require('node:http');

function encodeRecord(i) {
  return Buffer.from(`{"ts":${Date.now()},"seq":${i},"level":"info","msg":"request handled"}\n`);
}

function buildBatch(count) {
  if (process.env.HEALTHY) {
    const parts = [];
    for (let i = 0; i < count; i++) parts.push(encodeRecord(i));
    return Buffer.concat(parts);
  }
  let batch = Buffer.alloc(0);
  for (let i = 0; i < count; i++) batch = Buffer.concat([batch, encodeRecord(i)]);
  return batch;
}

const server = http.createServer((request, response) => {
  response.end(String(buildBatch(400).length));
});
server.listen(0, '127.0.0.1', () => console.log(`ready ${server.address().port}`));
