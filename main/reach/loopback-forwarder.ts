/**
 * A port on our 127.0.0.1 that stands for one address in a target's network namespace: each connection
 * Hyperscope makes to it is joined to a socket the relay dialled there. The existing HTTP and WebSocket
 * code then talks to the inspector as to any local one, and the URLs it builds (from the Host header)
 * point back at this port.
 */
import type { AddressInfo, Server, Socket } from 'node:net';
import { createServer } from 'node:net';
import { isOwnConnection } from './own-connection';

/** Opens a connection to the address this forwarder stands for. */
export type Dial = () => Promise<Socket>;

export interface LoopbackForwarder {
  /** The local port (on 127.0.0.1) that stands for the remote address. */
  readonly port: number;
  /** Connections refused because they did not come from this process. */
  readonly refusedStrangers: () => number;
  /** Why the last dial failed (the relay's error, with its code), or null when none has. */
  readonly lastDialError: () => NodeJS.ErrnoException | null;
  /** Stops listening and ends every joined connection. */
  close(): Promise<void>;
}

/** Listens on 127.0.0.1:0 and joins each of our own connections to a socket from `dial`. */
export async function openLoopbackForwarder(dial: Dial): Promise<LoopbackForwarder> {
  const joined = new Set<Socket>();
  let strangers = 0;
  let dialError: NodeJS.ErrnoException | null = null;
  const server: Server = createServer({ pauseOnConnect: true }, (local) => {
    joined.add(local);
    local.once('close', () => joined.delete(local));
    local.on('error', () => local.destroy());
    const dialRecorded: Dial = () =>
      dial().catch((error: NodeJS.ErrnoException) => {
        dialError = error;
        throw error;
      });
    void join(local, dialRecorded).then((ok) => {
      if (!ok) strangers++;
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    refusedStrangers: () => strangers,
    lastDialError: () => dialError,
    close: () =>
      new Promise<void>((resolve) => {
        joined.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}

/** Joins `local` to a dialled socket; false when `local` came from another process (it is dropped). */
async function join(local: Socket, dial: Dial): Promise<boolean> {
  if (!(await isOwnConnection(local))) {
    local.destroy();
    return false;
  }
  let remote: Socket;
  try {
    remote = await dial();
  } catch {
    // The caller sees what a refused connection looks like: the socket closes before any answer.
    local.destroy();
    return true;
  }
  if (local.destroyed) {
    remote.destroy();
    return true;
  }
  // An error on either side ends both at once; a side that closes cleanly lets the other flush first.
  remote.on('error', () => local.destroy());
  local.on('error', () => remote.destroy());
  local.on('close', () => remote.end());
  remote.on('close', () => local.end());
  local.pipe(remote);
  remote.pipe(local);
  local.resume();
  return true;
}
