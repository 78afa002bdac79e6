// An inspector on a port that the Fetch standard calls "bad" (6000 is X11's): fetch refuses to connect
// there, so the inspector's HTTP side must not go through fetch. Skipped when 6000 is taken here.
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { IDLE_SCRIPT, killNodeTargets, startNodeTarget } from '../../test/support/node-target';
import { attachByPid } from './attach-pid';
import { attachByUrl } from './attach-url';
import { readInspectorTargets, readInspectorVersion } from './inspector-http';

const BAD_PORT = 6000;

afterEach(killNodeTargets);

/** True when nothing listens on 127.0.0.1:`port` (we could bind it, and did let it go). */
async function isFree(port: number): Promise<boolean> {
  const server = createServer();
  const bound = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => resolve(true));
  });
  if (bound) await new Promise<void>((resolve) => server.close(() => resolve()));
  return bound;
}

describe.skipIf(!(await isFree(BAD_PORT)))(`an inspector on port ${BAD_PORT} (a fetch "bad port")`, () => {
  const inspected = () => startNodeTarget(IDLE_SCRIPT, [`--inspect=127.0.0.1:${BAD_PORT}`]);
  const address = { host: '127.0.0.1', port: BAD_PORT };

  it('answers /json/version and /json/list', async () => {
    await inspected();
    expect(await readInspectorVersion(address)).toBe(process.version);
    const targets = await readInspectorTargets(address);
    expect(targets[0]?.webSocketDebuggerUrl).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:${BAD_PORT}/`));
  });

  it('attaches by URL and by pid', async () => {
    const target = await inspected();
    const byUrl = await attachByUrl(`127.0.0.1:${BAD_PORT}`);
    expect(byUrl.pid).toBe(target.pid);
    await byUrl.stop();
    const byPid = await attachByPid(target.pid);
    expect(byPid).toMatchObject({ pid: target.pid, openedByUs: false });
    await byPid.stop();
  });
});
