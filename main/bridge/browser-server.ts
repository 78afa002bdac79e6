/**
 * Browser mode: serves the built renderer on 127.0.0.1 only and bridges the contract over one WebSocket.
 * A random per-launch token, required in the page URL (then kept in a same-site cookie for the page's own
 * assets) and on the WebSocket upgrade, keeps other local users and other web pages out; Host and Origin
 * checks stop DNS-rebinding pages.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { WS_BRIDGE_PATH } from '../../core/bridge/ws-messages';
import type { Backend } from './backend';
import { connectBridgeSocket } from './bridge-socket';
import { serveStatic } from './serve-static';
import { tokenMatches } from './token';

export interface BrowserServerOptions {
  backend: Backend;
  /** The built renderer (`out/renderer`). */
  rendererDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
}

export interface BrowserServer {
  /** The URL to open, token included. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Largest WebSocket message, bytes: a session file picked in the browser travels in one message. */
const MAX_MESSAGE_BYTES = 512 * 1024 * 1024;
const HOST = '127.0.0.1';

export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const token = randomBytes(24).toString('base64url');
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  let port = 0;
  const cookieName = (): string => `hyperscope-${port}`;
  const hostAllowed = (req: IncomingMessage): boolean =>
    req.headers.host === `${HOST}:${port}` || req.headers.host === `localhost:${port}`;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    if (!hostAllowed(req)) return refuse(res, 421, 'wrong host');
    const fromQuery = url.searchParams.get('token');
    const fromCookie = readCookie(req.headers.cookie, cookieName());
    if (!tokenMatches(fromQuery, token) && !tokenMatches(fromCookie, token))
      return refuse(res, 403, 'open the URL `hyperscope ui` printed (it carries the token)');
    if (tokenMatches(fromQuery, token))
      res.setHeader('Set-Cookie', `${cookieName()}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    void serveStatic(options.rendererDir, url.pathname, res);
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    const origin = req.headers.origin;
    const originAllowed =
      !origin || origin === `http://${HOST}:${port}` || origin === `http://localhost:${port}`;
    if (
      url.pathname !== WS_BRIDGE_PATH ||
      !hostAllowed(req) ||
      !originAllowed ||
      !tokenMatches(url.searchParams.get('token'), token)
    ) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => connectBridgeSocket(ws, options.backend));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${HOST}:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`hyperscope: ${message}\n`);
}

function readCookie(header: string | undefined, name: string): string | null {
  for (const part of header?.split(';') ?? []) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return null;
}
