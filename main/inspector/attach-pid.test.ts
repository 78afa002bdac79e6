import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  IDLE_SCRIPT,
  isAlive,
  killNodeTargets,
  startNodeTarget,
  startProcess,
} from '../../test/support/node-target';
import { readListeningSockets } from '../ps/listening-sockets';
import { attachByPid } from './attach-pid';
import { InspectorCommandError } from './inspector-session';
import { attachError } from '../../test/support/attach-error';

// The target also serves HTTP, so that the inspector must be told apart from the app's own port.
const SERVING_SCRIPT = `
require('node:http').createServer((_, res) => res.end('app')).listen(0, '127.0.0.1', () => console.log('ready'));
`;

afterEach(killNodeTargets);

describe('attachByPid', () => {
  it('opens the inspector of a process without one, on the port it really opened, and closes it again', async () => {
    const target = await startNodeTarget(SERVING_SCRIPT, ['--inspect-port=0']);
    const attached = await attachByPid(target.pid);
    try {
      const announced = /Debugger listening on (ws:\/\/\S+)/.exec(target.output.stderr)?.[1];
      expect(attached.inspectorUrl).toBe(announced);
      expect(new URL(attached.inspectorUrl).port).not.toBe('9229');
      expect(attached).toMatchObject({ pid: target.pid, nodeVersion: process.version, openedByUs: true });
      const reply = await attached.session.send('Runtime.evaluate', { expression: 'process.pid' });
      expect(reply.result.value).toBe(target.pid);
    } finally {
      await attached.stop();
    }
    // `stop()` returns once the inspector's port is closed: only the app's own port is left.
    expect(await readListeningSockets(target.pid)).toHaveLength(1);
    expect(isAlive(target.pid)).toBe(true);
  });

  it('reuses an inspector that was already open and leaves it open', async () => {
    const target = await startNodeTarget(IDLE_SCRIPT, ['--inspect=127.0.0.1:0']);
    const attached = await attachByPid(target.pid);
    expect(attached.openedByUs).toBe(false);
    await attached.stop();
    expect(await readListeningSockets(target.pid)).toHaveLength(1);
  });

  it('says the port is taken when the target cannot open its inspector on 9229', async () => {
    const blocker = await holdPort(9229); // null when something else already holds it: same situation
    try {
      const target = await startNodeTarget(IDLE_SCRIPT, []); // Node's default port: 9229
      const error = await attachError(attachByPid(target.pid));
      expect(error.code).toBe('port-conflict');
      expect(error.message).toContain('--inspect=127.0.0.1:0');
      expect(error.message).not.toContain('\n');
      expect(target.output.stderr).toContain('address already in use');
    } finally {
      blocker?.close();
    }
  });

  it('rejects every pending command with connectionLost when the target is killed', async () => {
    const target = await startNodeTarget(IDLE_SCRIPT, ['--inspect-port=0']);
    const attached = await attachByPid(target.pid);
    const never = { expression: 'new Promise(() => {})', awaitPromise: true };
    const pending = [1, 2, 3].map(() =>
      attached.session.send('Runtime.evaluate', never).catch((e: unknown) => e),
    );
    target.child.kill('SIGKILL');
    for (const error of await Promise.all(pending)) {
      expect(error).toBeInstanceOf(InspectorCommandError);
      expect((error as InspectorCommandError).connectionLost).toBe(true);
    }
    expect(await attached.exited).toBeNull();
    await attached.stop();
  });

  it('fails clearly for a pid that does not exist', async () => {
    const error = await attachError(attachByPid(99_999_999));
    expect(error.code).toBe('no-such-process');
    expect(error.message).toBe('no such process: 99999999');
  });

  // Another user's process: only checkable when we are root and can run the attach as `nobody`.
  it.skipIf(process.getuid?.() !== 0)("says permission denied for another user's process", async () => {
    const target = await startNodeTarget();
    const attachAsNobody = `import { attachByPid } from '${import.meta.dirname}/attach-pid.ts';
      await attachByPid(${target.pid}).catch((e) => console.log(JSON.stringify([e.code, e.message])));`;
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', attachAsNobody],
      {
        uid: 65534,
        gid: 65534,
        env: { PATH: process.env.PATH, HOME: '/tmp' },
        encoding: 'utf8',
        timeout: 20_000,
      },
    );
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([
      'permission-denied',
      `permission denied: process ${target.pid} belongs to another user (run hyperscope as that user or as root)`,
    ]);
  });

  it('refuses a process that is not Node, without signalling it', async () => {
    const sleeper = await startProcess('sleep', ['30']);
    const error = await attachError(attachByPid(sleeper.pid));
    expect(error.code).toBe('not-node');
    expect(error.message).toBe(`process ${sleeper.pid} (sleep) is not a Node.js process`);
    expect(isAlive(sleeper.pid)).toBe(true);
  });
});

/** Listens on 127.0.0.1:`port`; null when the port is already taken. */
function holdPort(port: number): Promise<Server | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(null));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
