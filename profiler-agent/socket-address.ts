/**
 * A socket's addresses, read without writing to the socket. `socket.remoteAddress`, `remotePort`,
 * `localPort` … are getters that cache what they read on the socket (`_peername`, `_sockname`): each
 * socket the agent looked at gained a property, so it no longer shared its hidden class with the sockets
 * the agent had not seen, and Node's own socket code (`_writeGeneric`, `detachSocket`, the HTTP server's
 * timeouts) went megamorphic. Measured on a keep-alive HTTP service: ~5% more CPU per request, lasting
 * after detach, from one read a second. Here the handle is asked directly and nothing is stored.
 */

/** What `getpeername`/`getsockname` fill in (and what Node caches as `_peername`/`_sockname`). */
export interface SocketAddress {
  address?: string;
  /** Port number, 0–65535. */
  port?: number;
  family?: string;
}

interface AddressHandle {
  getpeername?(out: SocketAddress): number;
  getsockname?(out: SocketAddress): number;
}

/** The parts of a `net.Socket` read here. TLS sockets' handles forward both calls to their TCP handle. */
export interface AddressedSocket {
  _peername?: SocketAddress;
  _sockname?: SocketAddress;
  _handle?: unknown;
}

/** The remote end (`remoteAddress`/`remotePort`), or undefined while connecting or once closed. */
export function peerAddress(socket: AddressedSocket): SocketAddress | undefined {
  return socket._peername ?? ask(socket._handle, 'getpeername');
}

/** The local end (`localAddress`/`localPort`), or undefined when the socket has no handle. */
export function localAddress(socket: AddressedSocket): SocketAddress | undefined {
  return socket._sockname ?? ask(socket._handle, 'getsockname');
}

function ask(handle: unknown, method: 'getpeername' | 'getsockname'): SocketAddress | undefined {
  const call = (handle as AddressHandle | null | undefined)?.[method];
  if (typeof call !== 'function') return undefined;
  const out: SocketAddress = {};
  // A non-zero result is an error code (ENOTCONN while connecting, EBADF once closed).
  return call.call(handle, out) === 0 && out.address !== undefined ? out : undefined;
}
