import { afterEach, describe, expect, it } from 'vitest';
import { IDLE_SCRIPT, killNodeTargets, startNodeTarget } from '../../test/support/node-target';
import { AttachError } from './attached-target';
import { openVerifiedSession } from './open-verified-session';

afterEach(killNodeTargets);

describe('openVerifiedSession', () => {
  it('refuses an inspector that answers for another process, and closes its session', async () => {
    const other = await startNodeTarget(IDLE_SCRIPT, ['--inspect=127.0.0.1:0']);
    const url = /Debugger listening on (ws:\/\/\S+)/.exec(other.output.stderr)![1]!;
    const error = await openVerifiedSession(url, [other.pid + 1_000_000]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AttachError);
    expect(error).toMatchObject({
      code: 'wrong-process',
      message: `the inspector at ${url} belongs to process ${other.pid}, not ${other.pid + 1_000_000}`,
    });
    // The process it belongs to is accepted.
    const verified = await openVerifiedSession(url, [other.pid]);
    expect(verified).toMatchObject({ pid: other.pid, nodeVersion: process.version });
    await verified.session.close();
  });

  it('asks again a target caught in its start-up, before it knows its pid', async () => {
    // Node sets `process.pid` when it prepares to run the main script, after the inspector is up.
    const late = `
      const pid = process.pid;
      const setPid = (value) => Object.defineProperty(process, 'pid', { value, configurable: true, enumerable: true });
      setPid(undefined);
      setTimeout(() => setPid(pid), 300);
      console.log('ready');
      setInterval(() => {}, 1000);`;
    const target = await startNodeTarget(late, ['--inspect=127.0.0.1:0']);
    const url = /Debugger listening on (ws:\/\/\S+)/.exec(target.output.stderr)![1]!;
    const verified = await openVerifiedSession(url, [target.pid]);
    expect(verified.pid).toBe(target.pid);
    await verified.session.close();
  });
});
