/** Serves a folder (and extra in-memory files) on 127.0.0.1, for loading the speedscope app. */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

export async function serveFolder(root: string, extra: Record<string, Uint8Array>): Promise<StaticServer> {
  const server: Server = createServer((request, response) => {
    const path = normalize(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const body = extra[path];
    const send = (bytes: Uint8Array): void => {
      response.setHeader('content-type', TYPES[extname(path)] ?? 'application/octet-stream');
      response.end(bytes);
    };
    if (body) return send(body);
    if (path.includes('..')) return void response.writeHead(403).end();
    readFile(join(root, path === '/' ? 'index.html' : path)).then(send, () => response.writeHead(404).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
