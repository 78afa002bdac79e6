/** Measuring a running demo from outside: timed HTTP calls and the descriptors a process holds. */
import { readdirSync, readlinkSync } from 'node:fs';

export interface TimedAnswer {
  status: number;
  /** Wall time from sending to the whole body read, ms. */
  ms: number;
  body: unknown;
}

/** Calls the demo as a signed-in customer and times the whole exchange. */
export async function timedCall(url: string, method = 'GET', body?: unknown): Promise<TimedAnswer> {
  const started = performance.now();
  const response = await fetch(url, {
    method,
    headers: { authorization: 'Bearer demo-7', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  // Most routes answer JSON; some (a CSV export) answer text, kept as it is.
  const isJson = response.headers.get('content-type')?.includes('json') ?? false;
  return {
    status: response.status,
    ms: performance.now() - started,
    body: isJson ? (JSON.parse(text) as unknown) : text,
  };
}

/** Open descriptors of `pid` ('self' for this process) by kind, read from /proc (Linux). */
export function descriptorsOf(pid: number | 'self'): { all: number; sockets: number } {
  const dir = `/proc/${pid}/fd`;
  let sockets = 0;
  const names = readdirSync(dir);
  for (const name of names) {
    try {
      if (readlinkSync(`${dir}/${name}`).startsWith('socket:')) sockets++;
    } catch {
      // Closed between the listing and the read.
    }
  }
  return { all: names.length, sockets };
}
