/**
 * The inspector's small HTTP side: `/json/version` (is this an inspector, and which Node?) and
 * `/json/list` (the WebSocket URL of its target).
 */

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

async function getJson(address: InspectorAddress, path: string, timeoutMs: number): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`http://${address.host}:${address.port}${path}`, {
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw describeFetchFailure(error, timeoutMs);
  }
  if (!response.ok) throw new InspectorHttpError(`${path} answered HTTP ${response.status}`, false);
  try {
    return await response.json();
  } catch {
    throw new InspectorHttpError(`${path} did not answer JSON`, false);
  }
}

function describeFetchFailure(error: unknown, timeoutMs: number): InspectorHttpError {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return new InspectorHttpError(`no answer within ${timeoutMs} ms`, false);
  }
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code;
  if (code === 'ECONNREFUSED') return new InspectorHttpError('connection refused', true);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new InspectorHttpError('unknown host', false);
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH')
    return new InspectorHttpError('host unreachable', false);
  return new InspectorHttpError(
    cause?.message ?? (error instanceof Error ? error.message : String(error)),
    false,
  );
}
