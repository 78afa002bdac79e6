/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS worker on purpose */
// The worker of worker-replies.cjs: keeps every job unanswered; a job asking it to exit ends the thread a
// second later (a thread the agent has seen running: one that ends at once may be left unnamed).
const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ job }) => {
  if (job.exit) setTimeout(() => process.exit(0), 1000);
});
