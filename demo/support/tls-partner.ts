/**
 * Local TLS peers for the scenarios, on 127.0.0.1 with a throwaway certificate: a tax service (healthy, or
 * with a slow handshake: its SNI callback looks the certificate up in a slow store), and a peer that accepts
 * TCP and never answers the ClientHello (a plain-TCP service on the port a TLS client was given).
 */
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { createSelfSigned } from './self-signed';

/** A running peer: its `https://localhost:PORT` base URL and how to stop it. */
export interface TlsPeer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** A peer that completes handshakes, with its PEM certificate for clients that verify it (`ca`). */
export interface TlsService extends TlsPeer {
  cert: string;
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    // Exclusive: in a cluster worker (`demo --cluster`), port 0 would otherwise join the front's shared socket.
    server.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () =>
      resolve((server.address() as net.AddressInfo).port),
    );
  });
}

function closer(server: net.Server, sockets: Set<net.Socket>, cleanup: () => void): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => {
        cleanup();
        resolve();
      });
    });
}

/**
 * An HTTPS service answering `{ ratePercent }`; with `handshakeDelayMs`, every full handshake waits that
 * long first (ms).
 */
export async function startTaxService(options: { handshakeDelayMs?: number } = {}): Promise<TlsService> {
  const cert = createSelfSigned();
  const context = tls.createSecureContext({ key: cert.key, cert: cert.cert });
  const delayMs = options.handshakeDelayMs ?? 0;
  const sockets = new Set<net.Socket>();
  const server = https.createServer(
    {
      key: cert.key,
      cert: cert.cert,
      // A slow certificate store: every handshake waits for it before the ServerHello goes out.
      ...(delayMs > 0 && {
        SNICallback: (_name: string, done: (error: Error | null, context: tls.SecureContext) => void) =>
          setTimeout(() => done(null, context), delayMs),
      }),
    },
    (_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ ratePercent: 19 }));
    },
  );
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listen(server);
  const stop = closer(server, sockets, cert.cleanup);
  return { url: `https://localhost:${port}`, port, cert: cert.cert, stop };
}

/** A TCP listener that accepts connections and never sends a byte: TLS clients wait for a ServerHello forever. */
export async function startSilentPeer(): Promise<TlsPeer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  });
  const port = await listen(server);
  return { url: `https://localhost:${port}`, port, stop: closer(server, sockets, () => undefined) };
}
