/** Runs autocannon (the installed CLI) at full speed in its own process and returns its totals. */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';

const run = promisify(execFile);
const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

export interface LoadTotals {
  /** Requests completed with any status. */
  requests: number;
  /** Responses whose status was not 2xx. */
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** Requests per second on average. */
  perSecond: number;
}

/** `durationS` seconds of `connections` concurrent keep-alive connections to `url` (127.0.0.1 only). */
export async function loadAtFullSpeed(
  url: string,
  durationS: number,
  headers: Record<string, string> = {},
  connections = 20,
): Promise<LoadTotals> {
  if (!url.startsWith('http://127.0.0.1:')) throw new Error(`load only 127.0.0.1, not ${url}`);
  const headerArgs = Object.entries(headers).flatMap(([key, value]) => ['-H', `${key}=${value}`]);
  const { stdout } = await run(
    process.execPath,
    [AUTOCANNON, '-j', '-d', String(durationS), '-c', String(connections), ...headerArgs, url],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  const result = JSON.parse(stdout) as {
    requests: { total: number; average: number };
    non2xx: number;
    errors: number;
    timeouts: number;
  };
  return {
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    perSecond: result.requests.average,
  };
}
