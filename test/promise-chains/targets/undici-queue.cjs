/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS target on purpose */
// Six fetches through an undici Agent limited to 2 connections, to an upstream that never answers:
// two hold the connections, four wait in undici's pool queue (no async resource behind them).
const { startCollector } = require(process.env.HARNESS);
const harness = startCollector({}, { withUndici: true });
const http = require('node:http');
const { Agent, fetch } = require('undici');

const dispatcher = new Agent({ connections: 2 });

async function getProduct(base, id) {
  const response = await fetch(`${base}/slow/${id}`, { dispatcher });
  return await response.json();
}

async function main() {
  const server = http.createServer((req, res) => {
    if (req.url === '/fast') res.end('{}');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  // One answered request first: its connection shows the agent which undici copy to follow.
  await (await fetch(`${base}/fast`, { dispatcher })).json();
  // Resources are observed from the second sampling window on.
  await new Promise((resolve) => setTimeout(resolve, 250));
  for (let id = 1; id <= 6; id++) getProduct(base, id).catch(() => {});
  await new Promise((resolve) => setTimeout(resolve, 400));
  harness.printChainsAndExit();
}
main();
