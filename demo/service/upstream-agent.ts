/** The keep-alive pools a well-configured front service uses for its upstreams, plain and over TLS. */
import http from 'node:http';
import https from 'node:https';

// Far above what any scenario's load needs at once, so requests never wait for a socket.
const UPSTREAM_MAX_SOCKETS = 64;
// Closes sockets idle this long; the upstream keeps idle connections for minutes.
const UPSTREAM_IDLE_TIMEOUT_MS = 4_000;

/** A keep-alive `http.Agent` with room to spare and an idle timeout: no pitfall of its own. */
export function roomyUpstreamAgent(): http.Agent {
  return new http.Agent({
    keepAlive: true,
    maxSockets: UPSTREAM_MAX_SOCKETS,
    timeout: UPSTREAM_IDLE_TIMEOUT_MS,
  });
}

/**
 * The same pool over TLS, trusting `ca` (PEM): connections are reused, so handshakes are few, and the
 * agent's session cache resumes the ones made after an idle timeout.
 */
export function roomyTlsUpstreamAgent(ca: string): https.Agent {
  return new https.Agent({
    keepAlive: true,
    maxSockets: UPSTREAM_MAX_SOCKETS,
    timeout: UPSTREAM_IDLE_TIMEOUT_MS,
    ca,
  });
}
