// Sockets by side, TLS and state, in this process (a real Node): an https server and a keep-alive client.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AgentSnapshot } from '../core/agent-protocol';
import { install, installedAgent } from './index';

let dir: string;
let server: https.Server;
let port: number;
const held: import('node:http').ServerResponse[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hyperscope-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  server = https.createServer(
    { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
    (request, response) => (request.url === '/hold' ? held.push(response) : response.end('ok')),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  installedAgent()?.detach();
  for (const response of held) response.end();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const collect = (): AgentSnapshot => JSON.parse(installedAgent()?.collect() ?? 'null') as AgentSnapshot;

function get(agent: https.Agent, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    https
      .get({ host: '127.0.0.1', port, path, agent, rejectUnauthorized: false }, (response) => {
        response.resume().on('end', resolve);
      })
      .on('error', reject);
  });
}

it('counts TLS sockets on both sides, in use and idle in their pool', async () => {
  install(undefined);
  const agent = new https.Agent({ keepAlive: true, maxSockets: 4 });
  // Two sockets parked in the pool, then one of them taken by a request the server holds.
  await Promise.all([get(agent, '/quick'), get(agent, '/quick')]);
  get(agent, '/hold').catch(() => {}); // torn down at the end
  const deadline = Date.now() + 5_000;
  while (held.length < 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));

  const snapshot = collect();
  const client = snapshot.peers.find((peer) => peer.side === 'client' && peer.peer === `127.0.0.1:${port}`);
  expect(client).toMatchObject({ tls: true, open: 1, idle: 1 });
  const accepted = snapshot.peers.find((peer) => peer.side === 'server' && peer.peer === '127.0.0.1');
  expect(accepted).toMatchObject({ tls: true, open: 2 });
  const pool = snapshot.pools.find((entry) => entry.origin === `127.0.0.1:${port}`);
  expect(pool).toMatchObject({ kind: 'https', inUse: 1, idle: 1, queued: 0, maxSockets: 4, keepAlive: true });
  expect(pool?.createdAt?.[0]?.url).toMatch(/sockets-collector\.test\.ts$/);
  agent.destroy();
});

it('reads addresses without caching them on the sockets (a new property would split their hidden class)', async () => {
  install(undefined);
  const agent = new https.Agent({ keepAlive: true, maxSockets: 2 });
  await Promise.all([get(agent, '/quick'), get(agent, '/quick')]);
  const sockets = (process as unknown as { _getActiveHandles(): object[] })
    ._getActiveHandles()
    .concat(...Object.values(agent.freeSockets).map((list) => list ?? []));
  const cached = (): string[] =>
    sockets.flatMap((socket, index) =>
      ['_peername', '_sockname'].filter((key) => Object.hasOwn(socket, key)).map((key) => `${index}.${key}`),
    );
  const before = cached();
  const snapshot = collect();
  installedAgent()?.call('sockets.list', JSON.stringify({ peer: `127.0.0.1:${port}` }));
  expect(
    snapshot.peers.find((peer) => peer.side === 'client' && peer.peer === `127.0.0.1:${port}`),
  ).toMatchObject({
    idle: 2,
  });
  const listed = JSON.parse(
    installedAgent()?.call('sockets.list', JSON.stringify({ peer: '127.0.0.1' })) ?? 'null',
  ) as { result: { remotePort: number | null; localPort: number | null }[] };
  expect(listed.result.length).toBeGreaterThan(0);
  for (const socket of listed.result) expect(socket.remotePort ?? socket.localPort).toBeGreaterThan(0);
  expect(cached()).toEqual(before);
  agent.destroy();
});

it('counts a socket it cannot read and still reports the others', async () => {
  install(undefined);
  const agent = new https.Agent({ keepAlive: true, maxSockets: 2 });
  await Promise.all([get(agent, '/quick'), get(agent, '/quick')]);
  const [odd] = Object.values(agent.freeSockets).flatMap((list) => list ?? []);
  // As a getter can throw when a collection interrupts Node in the middle of a write to the socket.
  Object.defineProperty(odd, 'bytesWritten', {
    get: () => {
      throw new TypeError('half-updated write state');
    },
  });
  const snapshot = collect();
  expect(snapshot.agent.dropped['sockets.unreadable']).toBe(1);
  expect(snapshot.agent.dropped['collector.sockets']).toBeUndefined();
  expect(
    snapshot.peers.find((peer) => peer.side === 'client' && peer.peer === `127.0.0.1:${port}`),
  ).toMatchObject({
    idle: 1,
  });
  agent.destroy();
});
