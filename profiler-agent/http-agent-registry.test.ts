// A starved http.Agent pool names the code that queues on it: one stack per pool between two collections.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AgentSnapshot } from '../core/agent-protocol';
import { install, installedAgent } from './index';

let server: http.Server;
let port: number;
const held: http.ServerResponse[] = [];
const pool = new http.Agent({ maxSockets: 1 });

beforeAll(async () => {
  server = http.createServer((_request, response) => held.push(response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  install(undefined);
});

afterAll(async () => {
  installedAgent()?.detach();
  for (const response of held) response.end();
  pool.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function queuedFrom(): string | undefined {
  const snapshot = JSON.parse(installedAgent()?.collect() ?? 'null') as AgentSnapshot;
  const origin = snapshot.pools.find((entry) => entry.origin === `127.0.0.1:${port}`);
  return origin?.queuedFrom?.[0]?.functionName;
}

function holdingRequest(): void {
  http.get({ host: '127.0.0.1', port, agent: pool }).on('error', () => undefined);
}

function firstQueued(): void {
  http.get({ host: '127.0.0.1', port, agent: pool }).on('error', () => undefined);
}

function laterQueued(): void {
  http.get({ host: '127.0.0.1', port, agent: pool }).on('error', () => undefined);
}

it('takes the stack of the first request that queues, then none until the next collection', () => {
  holdingRequest(); // takes the pool's one socket
  firstQueued();
  laterQueued(); // queues too, but this pool already gave a stack for this collection
  expect(queuedFrom()).toBe('firstQueued');
  laterQueued();
  expect(queuedFrom()).toBe('laterQueued');
});
