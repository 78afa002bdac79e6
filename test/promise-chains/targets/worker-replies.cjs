/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS target on purpose */
// Requests handed to a worker thread that never answers: six chains wait on its replies (a request id per
// message, resolved from worker.on('message')), two on a worker that exits without answering, one on a
// worker made for the job (its answer would come as its first message), one on a BroadcastChannel. WORKERS_FIRST=1 makes the first worker before the
// collector starts (worker_threads already loaded: patched at install); else after (patched on the channel).
const early = process.env.WORKERS_FIRST === '1' ? require('node:worker_threads') : undefined;
const script = require('node:path').join(__dirname, 'worker-replies-thread.cjs');
const firstWorker = early && new early.Worker(script, { name: 'pricing' });
const { startCollector } = require(process.env.HARNESS);
const harness = startCollector();
const { Worker, BroadcastChannel } = require('node:worker_threads');

function workerClient(worker) {
  const pending = new Map();
  let nextId = 1;
  worker.on('message', ({ id, value }) => {
    pending.get(id)?.(value);
    pending.delete(id);
  });
  return {
    ask(job) {
      return new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        worker.postMessage({ id, job });
      });
    },
  };
}

async function quotePrice(client, productId) {
  const price = await client.ask({ productId });
  return { productId, price };
}

async function askDoomed(client) {
  return await client.ask({ exit: true });
}

async function resizeImage(size) {
  return await new Promise((resolve) => {
    new Worker(script, { workerData: { size } }).once('message', resolve);
  });
}

async function waitForChannel(channel) {
  return await new Promise((resolve) => {
    channel.onmessage = resolve;
    channel.postMessage('anyone?');
  });
}

async function main() {
  const pricing = workerClient(firstWorker ?? new Worker(script, { name: 'pricing' }));
  const doomed = new Worker(script);
  const doomedClient = workerClient(doomed);
  await new Promise((resolve) => setTimeout(resolve, 300)); // resources observed from the second window on
  for (let id = 1; id <= 6; id++) quotePrice(pricing, id);
  const exited = new Promise((resolve) => doomed.once('exit', resolve));
  for (let i = 0; i < 2; i++) askDoomed(doomedClient);
  resizeImage(64);
  const channel = new BroadcastChannel('inventory');
  waitForChannel(channel);
  await exited;
  // Window boundaries (every 200 ms while hooks stay on) name the threads.
  await new Promise((resolve) => setTimeout(resolve, 1300));
  harness.printChainsAndExit(() => channel.close());
}
main();
