/** The pool the availability API reaches the upstream through. */
import http from 'node:http';

/**
 * A keep-alive pool of two sockets per upstream: sized for the fast catalog calls, before the slow
 * warehouse call was added to every product page.
 */
export function createUpstreamAgent(): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: 2, timeout: 4_000 });
}
