import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createBackend } from './backend';
import type { BrowserServer } from './browser-server';
import { startBrowserServer } from './browser-server';
import { fakePorts } from './test-support/fake-ports';

let server: BrowserServer;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'hyperscope-renderer-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tmpdir(), 'hyperscope-secret.txt'), 'secret');
  server = await startBrowserServer({ backend: createBackend(fakePorts().ports), rendererDir: root });
});
afterAll(() => server.close());

/** A GET with full control of the headers (fetch would not let us forge Host). */
function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        headers: { host: `127.0.0.1:${server.port}`, ...headers },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function connect(url: string, origin?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused: ${res.statusCode}`)));
  });
}

describe('browser-mode server', () => {
  it('listens on 127.0.0.1 only, with a long random token in the URL', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
  });

  it('serves the app with the token, then its assets by cookie; nothing without', async () => {
    expect((await get('/')).status).toBe(403);
    const page = await get(`/?token=${server.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>app</title>');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const cookie = String(page.headers['set-cookie']).split(';')[0]!;
    expect((await get('/assets/app.js', { cookie })).status).toBe(200);
    expect((await get('/assets/app.js', { cookie: `${cookie.split('=')[0]}=wrong` })).status).toBe(403);
    expect((await get(`/?token=${server.token.slice(1)}x`)).status).toBe(403);
  });

  it('refuses another Host (DNS rebinding) and paths outside the renderer', async () => {
    expect((await get(`/?token=${server.token}`, { host: `evil.example:${server.port}` })).status).toBe(421);
    const escape = await get(`/..%2fhyperscope-secret.txt?token=${server.token}`);
    expect(escape.status).toBe(404);
    expect(escape.body).not.toContain('secret');
  });

  it('bridges requests over the WebSocket and refuses upgrades without the token or from another origin', async () => {
    const base = `ws://127.0.0.1:${server.port}/bridge`;
    await expect(connect(base)).rejects.toThrow('403');
    await expect(connect(`${base}?token=${server.token}`, 'http://evil.example')).rejects.toThrow('403');
    const ws = await connect(`${base}?token=${server.token}`, `http://127.0.0.1:${server.port}`);
    const answers: unknown[] = [];
    const got = new Promise<void>((resolve) =>
      ws.on('message', (data: Buffer) => {
        answers.push(JSON.parse(data.toString()));
        if (answers.length === 3) resolve();
      }),
    );
    ws.send(JSON.stringify({ id: 1, channel: 'listDemoScenarios' }));
    ws.send(JSON.stringify({ id: 2, channel: 'attach', payload: { kind: 'pid', pid: -3 } }));
    ws.send(JSON.stringify({ id: 3, channel: 'runShell', payload: 'ls' }));
    await got;
    ws.close();
    expect(answers).toContainEqual({
      id: 1,
      ok: true,
      result: [{ name: 'healthy', description: 'no pitfall' }],
    });
    expect(answers).toContainEqual({ id: 2, ok: false, error: 'pid must be a positive integer' });
    expect(answers).toContainEqual({ id: 3, ok: false, error: 'unknown channel runShell' });
  });
});
