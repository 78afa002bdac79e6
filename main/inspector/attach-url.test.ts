import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { IDLE_SCRIPT, killNodeTargets, startNodeTarget } from '../../test/support/node-target';
import { attachByUrl, remoteWarning } from './attach-url';
import { attachError } from '../../test/support/attach-error';

afterEach(killNodeTargets);

async function inspectedTarget() {
  const target = await startNodeTarget(IDLE_SCRIPT, ['--inspect=127.0.0.1:0']);
  const url = /Debugger listening on (ws:\/\/\S+)/.exec(target.output.stderr)?.[1];
  if (!url) throw new Error(`no inspector URL in: ${target.output.stderr}`);
  return { target, url, port: Number(new URL(url).port) };
}

describe('attachByUrl', () => {
  it('attaches by host:port, http://host:port and the announced ws:// URL', async () => {
    const { target, url, port } = await inspectedTarget();
    for (const address of [`127.0.0.1:${port}`, `http://localhost:${port}`, url]) {
      const attached = await attachByUrl(address);
      expect(attached).toMatchObject({
        pid: target.pid,
        nodeVersion: process.version,
        attachedBy: 'url',
        openedByUs: false,
        warnings: [],
      });
      const reply = await attached.session.send('Runtime.evaluate', { expression: '6 * 7' });
      expect(reply.result.value).toBe(42);
      await attached.stop();
      expect(attached.session.isOpen()).toBe(false);
    }
  });

  it('refuses a remote host without --allow-remote, before any connection', async () => {
    const error = await attachError(attachByUrl('10.255.255.1:9229'));
    expect(error.code).toBe('remote-not-allowed');
    expect(error.message).toContain('--allow-remote');
  });

  it('warns that a remote inspector grants code execution and suggests a tunnel', () => {
    const warning = remoteWarning('build-7.internal', 9229);
    expect(warning).toMatch(/^the inspector at build-7\.internal:9229 lets anyone who reaches it run code/);
    expect(warning).toContain('ssh -L 9229:127.0.0.1:9229 build-7.internal');
  });

  it('tells the remote warning before connecting, so it shows even when the attach fails', async () => {
    // 0.0.0.0 is not a loopback name, yet Linux connects it to this machine: no traffic leaves it.
    const port = await freePort();
    const told: string[] = [];
    const attaching = attachByUrl(`0.0.0.0:${port}`, { allowRemote: true, onWarning: (w) => told.push(w) });
    expect(told).toEqual([remoteWarning('0.0.0.0', port)]);
    expect((await attachError(attaching)).message).toMatch(/connection refused/);
  });

  it('says in one line when nothing listens on the port', async () => {
    const port = await freePort();
    const error = await attachError(attachByUrl(`127.0.0.1:${port}`));
    expect(error.code).toBe('unreachable');
    expect(error.message).toBe(`cannot reach an inspector at 127.0.0.1:${port}: connection refused`);
  });

  it('says so when the port answers but is no inspector', async () => {
    const server = createServer((socket) =>
      socket.end('HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n'),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const error = await attachError(attachByUrl(`127.0.0.1:${port}`));
      expect(error.message).toBe(
        `cannot reach an inspector at 127.0.0.1:${port}: /json/list answered HTTP 404`,
      );
    } finally {
      server.close();
    }
  });

  it('rejects what is not an address', async () => {
    expect((await attachError(attachByUrl('ftp://127.0.0.1:21'))).message).toMatch(/unsupported scheme/);
    expect((await attachError(attachByUrl('127.0.0.1'))).message).toMatch(/names no port/);
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
