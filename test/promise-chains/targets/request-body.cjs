/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS target on purpose */
// Three uploads whose clients send the headers and part of the body, then stall: each handler waits in
// a promise that reads the body with req.on('data'/'end'), which creates no async resource of its own.
const { startCollector } = require(process.env.HARNESS);
const harness = startCollector({});
const http = require('node:http');
const net = require('node:net');

function readBody(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

async function handleUpload(req, res) {
  const body = await readBody(req);
  res.end(`got ${body.length} bytes`);
}

async function main() {
  const server = http.createServer((req, res) => void handleUpload(req, res));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  // Resources are observed from the second sampling window on.
  await new Promise((resolve) => setTimeout(resolve, 250));
  const clients = [];
  for (let i = 0; i < 3; i++) {
    const client = net.connect(server.address().port, '127.0.0.1');
    client.write('POST /upload?token=secret HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\npartial');
    clients.push(client);
  }
  await new Promise((resolve) => setTimeout(resolve, 400));
  harness.printChainsAndExit();
}
main();
