// A pool made before attach names the code that opens its sockets, and the code that leaves responses
// unread (their sockets never return): the agent in this very process, against a real local server.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AgentSnapshot, PoolOrigin } from '../core/agent-protocol';
import { install, installedAgent } from './index';

let server: http.Server;
let port: number;
// Made before install: the agent never sees its construction.
const pool = new http.Agent({ keepAlive: true });
const unread: http.IncomingMessage[] = [];

beforeAll(async () => {
  server = http.createServer((request, response) => {
    request.resume();
    response.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  install(undefined);
});

afterAll(async () => {
  installedAgent()?.detach();
  for (const response of unread) response.destroy();
  pool.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function get(path: string): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path, agent: pool }, resolve).on('error', reject);
  });
}

/** Reads the whole response: its socket goes back to the pool. */
async function readCatalog(): Promise<void> {
  const response = await get('/catalog');
  response.resume();
  await new Promise((resolve) => response.on('end', resolve));
}

/** Only the status matters: the body is never read, so the socket never returns (the leak). */
async function postAudit(): Promise<void> {
  unread.push(await get('/audit?order=1'));
}

function poolOrigin(): PoolOrigin | undefined {
  const snapshot = JSON.parse(installedAgent()?.collect() ?? 'null') as AgentSnapshot;
  return snapshot.pools.find((entry) => entry.origin === `127.0.0.1:${port}`);
}

it('takes the stack of a request that opens a socket, none for requests that reuse one', async () => {
  await readCatalog(); // opens the pool's first socket
  expect(poolOrigin()?.openedFrom?.map((frame) => frame.functionName)).toContain('readCatalog');
  await readCatalog(); // reuses the idle socket: no new opener
  poolOrigin();
  // A new socket is opened by whoever finds none idle: the audit call here, while a catalog read holds it.
  const holding = get('/catalog');
  await postAudit();
  (await holding).resume();
  expect(poolOrigin()?.openedFrom?.map((frame) => frame.functionName)).toContain('postAudit');
});

it('counts sockets held by unread responses and names the code that makes such requests', async () => {
  // Leaks on reused sockets: the audit call opens none of them, so only the held-by stack can name it.
  await readCatalog();
  await postAudit();
  expect(poolOrigin()?.unreadResponses).toBeGreaterThan(0);
  // A request of the armed kind has its stack taken; it names the code once seen unread at two collections.
  let heldBy: PoolOrigin['heldBy'];
  for (let round = 0; round < 5 && !heldBy; round++) {
    await readCatalog();
    await postAudit();
    heldBy = poolOrigin()?.heldBy;
  }
  const names = heldBy?.map((frame) => frame.functionName);
  expect(names).toContain('postAudit');
  expect(names).not.toContain('readCatalog');
});
