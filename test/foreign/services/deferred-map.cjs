// Job queue client: every request submits a job and waits for its completion event, up to 100 ms.
// Failed jobs never emit 'done', so their deferreds stay in the map, pending, forever.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS service on purpose */
const http = require('node:http');
const { EventEmitter } = require('node:events');

const worker = new EventEmitter();
const pending = new Map();
let nextId = 0;

function submitJob(payload) {
  const id = ++nextId;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject, payload });
    setTimeout(() => worker.emit(id % 3 === 0 && !process.env.HEALTHY ? 'failed' : 'done', id), 5);
  });
}

worker.on('done', (id) => {
  pending.get(id)?.resolve(id);
  pending.delete(id);
});
worker.on('failed', (_id) => {
  // forgot: pending.get(_id).reject(...)
});

function withTimeout(promise, ms) {
  return Promise.race([promise, new Promise((resolve) => setTimeout(() => resolve('timeout'), ms))]);
}

const server = http.createServer(async (request, response) => {
  const result = await withTimeout(submitJob({ url: request.url }), 100);
  response.end(String(result));
});
server.listen(0, '127.0.0.1', () => console.log(`ready ${server.address().port}`));
