/** The TLS collector inside a real Node process: client and server handshakes, reuse, stalls, errors, stop. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TlsSection } from '../../core/network/tls-section';
import { createSelfSigned, type SelfSigned } from '../../demo/support/self-signed';
import type { NodeMajor } from '../support/node-versions';
import { nodeBinary } from '../support/node-versions';
import { bundleCollectors, runTarget } from './collector-process';

// A target that makes: 2 handshakes with a session (the second resumes it), 1 rejected for the
// self-signed certificate, and 1 to a peer that accepts TCP and never answers the ClientHello.
const TARGET = `
const { createTlsCollector, startCollectors } = require(process.env.HS_BUNDLE);
const tls = require('node:tls'), net = require('node:net');
const ORIGINAL_INIT = tls.TLSSocket.prototype._init;
const collector = createTlsCollector();
startCollectors([collector], require);
const print = (label, value) => console.log(JSON.stringify({ label, value }));
const server = tls.createServer({ key: process.env.HS_KEY, cert: process.env.HS_CERT, ALPNProtocols: ['http/1.1'] }, (s) => s.end('hi'));
const silent = net.createServer(() => {});
function connectOnce(port, options) {
  return new Promise((resolve) => {
    let session;
    const socket = tls.connect({ host: 'localhost', servername: 'localhost', port, ALPNProtocols: ['http/1.1'], ...options });
    socket.on('session', (ticket) => (session = ticket));
    socket.resume();
    socket.on('end', () => resolve(session));
    socket.on('error', (error) => resolve(error.code));
  });
}
function dialSilentPeer(port) {
  const socket = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false });
  socket.on('error', () => {});
  return socket;
}
server.listen(0, '127.0.0.1', () => silent.listen(0, '127.0.0.1', async () => {
  const port = server.address().port;
  const session = await connectOnce(port, { rejectUnauthorized: false });
  await connectOnce(port, { rejectUnauthorized: false, session });
  print('rejected', await connectOnce(port, { rejectUnauthorized: true }));
  const stalled = dialSilentPeer(silent.address().port);
  await new Promise((r) => setTimeout(r, 700));
  print('first', collector.collect(Date.now()));
  stalled.destroy();
  await new Promise((r) => setTimeout(r, 50));
  print('second', collector.collect(Date.now()));
  const again = dialSilentPeer(silent.address().port);
  await new Promise((r) => setTimeout(r, 50));
  collector.stop();
  const untracked = dialSilentPeer(silent.address().port);
  await new Promise((r) => setTimeout(r, 50));
  const counts = (socket) => ['connect', 'secureConnect', 'secure', 'close'].map((e) => socket.listenerCount(e));
  print('stopped', { initIsOriginal: tls.TLSSocket.prototype._init === ORIGINAL_INIT, tracked: counts(again), untracked: counts(untracked) });
  again.destroy(); untracked.destroy(); server.close(); silent.close();
}));
`;

type Printed = { label: string; value: unknown };

const MAJORS: NodeMajor[] = [20, 18, 22, 24];

describe.each(MAJORS)('TLS collector in a real Node %i process', (major) => {
  let bundle: Awaited<ReturnType<typeof bundleCollectors>>;
  let cert: SelfSigned;
  let printed: Printed[];

  beforeAll(async () => {
    bundle = await bundleCollectors();
    cert = createSelfSigned();
    const nodePath = major === 20 ? process.execPath : await nodeBinary(major);
    const { lines, stderr } = await runTarget(bundle.dir, 'tls-target.cjs', TARGET, {
      nodePath,
      env: { HS_BUNDLE: `${bundle.dir}/collectors.cjs`, HS_KEY: cert.key, HS_CERT: cert.cert },
    });
    printed = lines as Printed[];
    if (printed.length < 4) throw new Error(`target failed: ${stderr}`);
  });
  afterAll(() => {
    bundle?.cleanup();
    cert?.cleanup();
  });
  const value = (label: string) => printed.find((p) => p.label === label)!.value;

  it('times client handshakes per host, with reuse, protocol, ALPN and the caller frames', () => {
    const section = value('first') as TlsSection;
    const client = section.hosts.find((h) => h.side === 'client' && h.host.startsWith('localhost:'))!;
    expect(client.completed).toBe(2);
    expect(client.reused).toBe(1);
    expect(client.protocols).toEqual({ 'TLSv1.3': 2 });
    expect(client.alpn).toEqual({ 'http/1.1': 2 });
    expect(client.handshakeMs.max).toBeGreaterThan(0);
    expect(client.handshakeMs.max).toBeLessThan(1000);
    expect(Object.values(client.handshakeMs.histogram).reduce((a, b) => a + b)).toBe(2);
    expect(client.connectMs.count).toBe(3);
    expect(client.errors).toEqual({ DEPTH_ZERO_SELF_SIGNED_CERT: 1 });
    expect(client.slowestFrames[0]?.url).toContain('tls-target.cjs');
  });

  it('times server-side handshakes by SNI name and port', () => {
    const section = value('first') as TlsSection;
    const server = section.hosts.find((h) => h.side === 'server' && h.host.startsWith('localhost:'))!;
    expect(server.completed).toBe(2);
    expect(server.reused).toBe(1);
    // The client that rejected the certificate hung up before the server's handshake finished (no SNI read yet).
    const aborted = section.hosts.find((h) => h.side === 'server' && h.host.startsWith('*:'))!;
    expect(Object.values(aborted.errors)).toEqual([1]);
  });

  it('reports a handshake the peer never answers as pending, with the frames that started it', () => {
    const section = value('first') as TlsSection;
    expect(section.inProgress.tls).toBe(1);
    const [pending] = section.pending;
    expect(pending).toMatchObject({ side: 'client', phase: 'tls' });
    expect(pending!.ageMs).toBeGreaterThanOrEqual(600);
    expect(pending!.frames.some((f) => f.functionName === 'dialSilentPeer')).toBe(true);
    expect(value('rejected')).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
  });

  it('counts a stalled handshake closed before finishing as failed, and stops cleanly', () => {
    const section = value('second') as TlsSection;
    expect(section.pending).toEqual([]);
    const silent = section.hosts.find((h) => h.side === 'client' && h.host.startsWith('127.0.0.1:'))!;
    expect(silent.errors).toEqual({ 'closed-before-secure': 1 });
    expect(section.totals).toMatchObject({ started: 7, completed: 4, failed: 3, reused: 2 });
    const stopped = value('stopped') as { initIsOriginal: boolean; tracked: number[]; untracked: number[] };
    expect(stopped.initIsOriginal).toBe(true);
    expect(stopped.tracked).toEqual(stopped.untracked);
  });
});
