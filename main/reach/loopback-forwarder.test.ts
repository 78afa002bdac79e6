import { execFile } from 'node:child_process';
import type { AddressInfo, Server, Socket } from 'node:net';
import { connect, createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoopbackForwarder } from './loopback-forwarder';
import { openLoopbackForwarder } from './loopback-forwarder';

const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** An echo server standing for the target's inspector, and a forwarder to it. */
async function forwarderToEcho(): Promise<LoopbackForwarder> {
  const echo: Server = createServer((socket) => socket.pipe(socket));
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => echo.close(resolve)));
  const { port } = echo.address() as AddressInfo;
  const forwarder = await openLoopbackForwarder(
    () =>
      new Promise<Socket>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => resolve(socket));
        socket.once('error', reject);
      }),
  );
  closers.push(() => forwarder.close());
  return forwarder;
}

/**
 * What a connection to `port` gets back for `text`, until the other side closes it. An `unref`'d socket
 * is not among Node's active handles: the forwarder must recognise it from /proc instead.
 */
function exchange(port: number, text: string, unref = false): Promise<string> {
  return new Promise((resolve) => {
    let got = '';
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    if (unref) socket.unref();
    socket.on('data', (chunk: Buffer) => {
      got += chunk.toString();
      if (got.length >= text.length) socket.end();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(got));
  });
}

describe('openLoopbackForwarder', () => {
  it('joins this process’s connections to the dialled socket, both ways', async () => {
    const forwarder = await forwarderToEcho();
    const big = 'x'.repeat(4 * 1024 * 1024);
    expect(await exchange(forwarder.port, 'hello')).toBe('hello');
    expect((await exchange(forwarder.port, big)).length).toBe(big.length);
    const keepAlive = setInterval(() => undefined, 1000);
    expect(await exchange(forwarder.port, 'unlisted', true)).toBe('unlisted');
    clearInterval(keepAlive);
    expect(forwarder.refusedStrangers()).toBe(0);
  });

  it('drops a connection from another process, which may not reach the target through it', async () => {
    const forwarder = await forwarderToEcho();
    const script = `const s = require('net').connect(${forwarder.port}, '127.0.0.1', () => s.write('hello'));
      let got = ''; s.on('data', (d) => (got += d)); s.on('error', () => {}); s.on('close', () => console.log(JSON.stringify(got)));`;
    const printed = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['-e', script], { timeout: 10_000 }, (error, stdout) =>
        error ? reject(error) : resolve(stdout.trim()),
      ),
    );
    expect(printed).toBe('""');
    expect(forwarder.refusedStrangers()).toBe(1);
  });
});
