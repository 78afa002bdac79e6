/**
 * JSON over HTTP for the demo services: read a request body, answer with JSON, call an upstream through a
 * pool. Plain `node:http` (and `node:https`), as most production services still use it.
 */
import http from 'node:http';
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** An error that becomes an HTTP status and a `{ error }` JSON body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Answers with `body` as JSON; does nothing if the client has already gone. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent || response.destroyed) return;
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** Reads a whole message body as UTF-8 (this consumes the stream). Rejects past `limitBytes` bytes. */
export async function readText(message: IncomingMessage, limitBytes = 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of message as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) throw new HttpError(413, `body larger than ${limitBytes} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads and parses a request's JSON body (an empty body is `{}`); a malformed one is a 400. */
export async function readJsonBody(request: IncomingMessage, limitBytes = 64 * 1024): Promise<unknown> {
  const text = await readText(request, limitBytes);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'malformed JSON body');
  }
}

/**
 * Sends a request through `agent` and resolves as soon as the response headers arrive. The caller owns the
 * response: until it is read to its end (or destroyed), its socket stays taken from the pool.
 */
export function sendRequest(
  agent: http.Agent,
  method: string,
  url: string,
  body?: unknown,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    // An `https.Agent` pools TLS connections: `http.request` refuses an https URL.
    const request = (url.startsWith('https:') ? https : http).request(url, {
      method,
      agent,
      headers: payload === undefined ? {} : { 'content-type': 'application/json' },
    });
    request.once('response', resolve);
    request.once('error', reject);
    request.end(payload);
  });
}

/** Calls an upstream JSON endpoint through `agent`, reads the response to its end and parses it. */
export async function requestJson<T>(
  agent: http.Agent,
  method: string,
  url: string,
  body?: unknown,
): Promise<T> {
  const response = await sendRequest(agent, method, url, body);
  const text = await readText(response);
  const status = response.statusCode ?? 0;
  if (status >= 400)
    throw new HttpError(502, `upstream ${method} ${new URL(url).pathname} answered ${status}`);
  return JSON.parse(text) as T;
}
