// A recorder killed with `kill -9` never detaches: its agent must notice that nobody collects any more,
// remove itself, and close the inspector the recorder opened. The wait is shortened for the test.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ORPHAN_AFTER_ENV } from '../../main/agent/orphan-after';
import { startCli } from '../support/cli';
import { readSessionFile } from '../../main/session/read-session-file';
import { countSnapshots, errorLines, waitForSnapshots } from '../support/session-file';
import {
  LEFT_AS_FOUND,
  killFaultTargets,
  readTargetState,
  settledTargetState,
  startFaultTarget,
} from './support/fault-target';
import { recordArgs } from './support/record-args';

const ORPHAN_AFTER_MS = 1000;
const dir = mkdtempSync(join(tmpdir(), 'hyperscope-orphan-'));
afterAll(killFaultTargets);

describe('an agent whose recorder was killed (SIGKILL)', () => {
  it('stays while collected from, then removes itself and closes the inspector we opened', async () => {
    const target = await startFaultTarget();
    const output = join(dir, 'orphan.hyperscope');
    const run = startCli(recordArgs(output, { pid: target.pid }), {
      env: { [ORPHAN_AFTER_ENV]: String(ORPHAN_AFTER_MS) },
    });
    // Collections every 300 ms keep it for well over the orphan wait.
    await waitForSnapshots(output, 2);
    await new Promise((resolve) => setTimeout(resolve, 2.5 * ORPHAN_AFTER_MS));
    const during = await readTargetState(target);
    expect(during.agentInstalled).toBe(true);
    expect(during.inspectorUrl).not.toBeNull();
    expect(countSnapshots(output)).toBeGreaterThanOrEqual(8);

    run.child.kill('SIGKILL');
    await run.done;
    const killedAt = Date.now();
    const after = await settledTargetState(
      target,
      (state) => !state.agentInstalled && state.inspectorUrl === null,
    );
    expect(after).toMatchObject(LEFT_AS_FOUND);
    expect(Date.now() - killedAt).toBeLessThan(ORPHAN_AFTER_MS * 3 + 1000);
    // It still serves.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await readTargetState(target)).served).toBeGreaterThan(after.served);
  });

  it('a recorder stopped (SIGSTOP) but still connected: the agent goes, the inspector stays open; resumed, the recorder ends with one line', async () => {
    // `inspector.close()` would wait on the target's main thread for the stopped client to disconnect.
    const target = await startFaultTarget();
    const output = join(dir, 'stopped.hyperscope');
    const run = startCli(recordArgs(output, { pid: target.pid }), {
      env: { [ORPHAN_AFTER_ENV]: String(ORPHAN_AFTER_MS) },
    });
    await waitForSnapshots(output, 2);
    run.child.kill('SIGSTOP');
    try {
      const after = await settledTargetState(target, (state) => !state.agentInstalled);
      expect(after).toMatchObject({ agentInstalled: false, changedMethods: [], subscribedChannels: [] });
      // Still open, and the target still runs and serves (it is not waiting in `inspector.close()`).
      await new Promise((resolve) => setTimeout(resolve, ORPHAN_AFTER_MS));
      const later = await readTargetState(target, 3000);
      expect(later.inspectorUrl).not.toBeNull();
      expect(later.served).toBeGreaterThan(after.served);
    } catch (error) {
      run.child.kill('SIGKILL');
      throw error;
    }
    // Resumed, the recorder finds the agent gone: it says so once, keeps the file, closes the inspector.
    run.child.kill('SIGCONT');
    const result = await run.done;
    expect(result.code).not.toBe(0);
    expect(errorLines(result.stderr)).toEqual([
      expect.stringMatching(
        /the agent was removed from the target \(it leaves by itself after 1 s without a collection: was the recorder stopped\?\); kept \d+ samples/,
      ),
    ]);
    expect((await readSessionFile(output)).end?.reason).toBe('error');
    expect(await settledTargetState(target, (state) => state.inspectorUrl === null)).toMatchObject(
      LEFT_AS_FOUND,
    );
  });
});
