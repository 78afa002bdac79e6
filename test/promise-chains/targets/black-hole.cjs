/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS target on purpose */
// A listener that never accepts: its event loop blocks right after listening, so once the kernel's
// accept queue is full, further connects hang in SYN-SENT. Prints its port, then blocks.
const net = require('node:net');
const server = net.createServer();
server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
  process.stdout.write(`${server.address().port}\n`, () => {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30_000);
    process.exit(0);
  });
});
