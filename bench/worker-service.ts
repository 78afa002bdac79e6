/**
 * The worker-threads bench's service: the main thread only relays each request to one of two worker
 * threads (`postMessage`), which do the work (build, filter and serialize ~200 objects, two awaits) and
 * post the answer back. Prints its port.
 */
export const WORKER_SERVICE = `
const http = require('node:http');
const { Worker, isMainThread, parentPort } = require('node:worker_threads');
if (isMainThread) {
  const workers = [new Worker(__filename), new Worker(__filename)];
  const waiting = new Map();
  let next = 0;
  for (const w of workers) w.on('message', ({ id, body }) => { waiting.get(id).end(body); waiting.delete(id); });
  const server = http.createServer((req, res) => {
    const id = ++next;
    waiting.set(id, res);
    workers[id % workers.length].postMessage({ id, n: 200 });
  });
  server.listen(0, '127.0.0.1', () => console.log(server.address().port));
} else {
  parentPort.on('message', async ({ id, n }) => {
    const items = [];
    for (let i = 0; i < n; i++) items.push({ i, name: 'item ' + i, tags: ['a', 'b'] });
    await Promise.resolve();
    const kept = items.filter((x) => x.i % 3 === 0).map((x) => ({ ...x, score: Math.sqrt(x.i) }));
    await new Promise((resolve) => setImmediate(resolve));
    parentPort.postMessage({ id, body: String(JSON.stringify(kept).length) });
  });
}
`;
