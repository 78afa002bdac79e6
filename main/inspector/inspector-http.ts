/**
 * The inspector's small HTTP side: `/json/version` (is this an inspector, and which Node?) and
 * `/json/list` (the WebSocket URL of its target).
 */
import { request as httpRequest } from 'node:http';

/** One entry of `/json/list`. */
export interface InspectorListEntry {
  id: string;
  type: string;
  title: string;
  /** `file://` URL of the main script. */
  url: string;
  webSocketDebuggerUrl: string;
}

/** An HTTP request to an inspector that could not be completed; `reason` is short and human. */
export class InspectorHttpError extends Error {
  constructor(
    readonly reason: string,
    readonly refused: boolean,
  ) {
    super(reason);
    this.name = 'InspectorHttpError';
  }
}

/** `host` is a hostname, IPv4 address or bracketed IPv6 address; `port` a TCP port. */
export interface InspectorAddress {
  host: string;
  port: number;
}

/**
 * The Node version (`v20.20.2`) an inspector reports, or `null` when whatever answers on that port is
 * not a Node inspector (or does not answer within `timeoutMs` milliseconds).
 */
export async function probeInspectorVersion(
  address: InspectorAddress,
  // Generous: a busy target (the reason you profile it) can take a while to answer; probes run in parallel.
  timeoutMs = 1500,
): Promise<string | null> {
  try {
    return await readInspectorVersion(address, timeoutMs);
  } catch {
    return null;
  }
}

/** Reads `/json/version`; throws {@link InspectorHttpError} when unreachable or not a Node inspector. */
export async function readInspectorVersion(address: InspectorAddress, timeoutMs = 2000): Promise<string> {
  const body = await getJson(address, '/json/version', timeoutMs);
  const browser = (body as { Browser?: unknown } | null)?.Browser;
  const version =
    typeof browser === 'string' ? /^node\.js\/(v\d+\.\d+\.\d+\S*)$/.exec(browser)?.[1] : undefined;
  if (!version) throw new InspectorHttpError('it does not answer as a Node.js inspector', false);
  return version;
}

/** Reads `/json/list`; throws {@link InspectorHttpError} when unreachable or malformed. */
export async function readInspectorTargets(
  address: InspectorAddress,
  timeoutMs = 2000,
): Promise<InspectorListEntry[]> {
  const body = await getJson(address, '/json/list', timeoutMs);
  if (!Array.isArray(body)) throw new InspectorHttpError('its /json/list is not a list', false);
  return body.filter(
    (entry): entry is InspectorListEntry =>
      typeof entry === 'object' && entry !== null && typeof entry.webSocketDebuggerUrl === 'string',
  );
}

/** The major version of a `vX.Y.Z` string (NaN when malformed). */
export function nodeMajorVersion(version: string): number {
  return Number(/^v?(\d+)\./.exec(version)?.[1] ?? NaN);
}

/** Larger answers are not an inspector's (a /json/list of one target is under 1 KiB). */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * GETs `path` and parses its JSON. node:http, not `fetch`: fetch refuses the ports the Fetch standard
 * calls bad (6000, 6665–6669, 5060, …), and an inspector may listen on any of them.
 */
function getJson(address: InspectorAddress, path: string, timeoutMs: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const fail = (error: InspectorHttpError): void => {
      reject(error);
      request.destroy();
    };
    const request = httpRequest(
      {
        // The URL form of an IPv6 address is bracketed; the socket wants it bare.
        host: address.host.replace(/^\[(.*)\]$/, '$1'),
        port: address.port,
        path,
        agent: false,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status < 200 || status > 299)
          return fail(new InspectorHttpError(`${path} answered HTTP ${status}`, false));
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY_BYTES) fail(new InspectorHttpError(`${path} answered more than 1 MiB`, false));
          else chunks.push(chunk);
        });
        response.on('error', (error) => fail(describeRequestFailure(error, timeoutMs)));
        response.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch {
            reject(new InspectorHttpError(`${path} did not answer JSON`, false));
          }
        });
      },
    );
    request.on('error', (error) => reject(describeRequestFailure(error, timeoutMs)));
    request.end();
  });
}

function describeRequestFailure(error: Error, timeoutMs: number): InspectorHttpError {
  if (error.name === 'AbortError' || error.name === 'TimeoutError') {
    return new InspectorHttpError(`no answer within ${timeoutMs} ms`, false);
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED') return new InspectorHttpError('connection refused', true);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new InspectorHttpError('unknown host', false);
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH')
    return new InspectorHttpError('host unreachable', false);
  if (code === 'ECONNRESET') return new InspectorHttpError('the connection was reset', false);
  return new InspectorHttpError(error.message, false);
}
