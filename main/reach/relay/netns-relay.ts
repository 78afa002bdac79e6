/**
 * The relay: a process Hyperscope starts inside a target's network namespace (through `nsenter`), so
 * that Hyperscope can reach the target's 127.0.0.1. It connects where asked and hands each connected
 * socket back over its IPC channel (SCM_RIGHTS): the bytes then flow between Hyperscope and the target
 * without passing through the relay. It exits when Hyperscope disconnects or dies. Built-ins only:
 * `scripts/build-node.mjs` bundles it to `out/reach/netns-relay.js`.
 */
import { readlinkSync } from 'node:fs';
import { connect } from 'node:net';
import type { DialReply, DialRequest, RelayReady } from './relay-messages';

const send = process.send?.bind(process);
if (!send) {
  process.stderr.write('netns-relay: start me with an IPC channel (Hyperscope does)\n');
  process.exit(2);
}

process.on('message', (message: DialRequest) => {
  if (message?.kind === 'dial') dial(message);
});
// The channel closes when Hyperscope disconnects, exits or is killed: nothing is left behind.
process.on('disconnect', () => process.exit(0));

const ready: RelayReady = { kind: 'ready', netNamespace: readlinkSync('/proc/self/ns/net') };
send(ready);

function dial({ id, host, port, timeoutMs }: DialRequest): void {
  const socket = connect({ host, port });
  const fail = (code: string, message: string): void => {
    socket.destroy();
    const reply: DialReply = { kind: 'dial-failed', id, code, message };
    send!(reply);
  };
  socket.setTimeout(timeoutMs, () => fail('ETIMEDOUT', `no connection within ${timeoutMs} ms`));
  socket.once('error', (error: NodeJS.ErrnoException) => fail(error.code ?? 'EIO', error.message));
  socket.once('connect', () => {
    socket.setTimeout(0);
    const reply: DialReply = { kind: 'dialed', id };
    // The handle is closed here once sent (keepOpen is false): only Hyperscope holds it afterwards.
    send!(reply, socket);
  });
}
