// The target ends on its own (exit 0), and the recorder is interrupted (Ctrl-C): either way the file is
// kept and closed, and a target that lives on is left as it was found.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSessionFile } from '../../main/session/read-session-file';
import { startCli } from '../support/cli';
import {
  LEFT_AS_FOUND,
  killFaultTargets,
  readTargetState,
  settledTargetState,
  startFaultTarget,
} from './support/fault-target';
import { launchFaultTarget, recordArgs } from './support/record-args';
import { errorLines, waitForSnapshots } from '../support/session-file';

const dir = mkdtempSync(join(tmpdir(), 'hyperscope-exit-'));
afterAll(killFaultTargets);

describe('the target exits normally mid-recording', () => {
  it('launch mode: one line with its exit code, the file closed with target-exited', async () => {
    const output = join(dir, 'launch-exit.hyperscope');
    const run = startCli(recordArgs(output, launchFaultTarget()), {
      env: { EXIT_AFTER_MS: '2500' },
    });
    const result = await run.done;
    expect(result.code).not.toBe(0);
    expect(errorLines(result.stderr)).toEqual([
      expect.stringMatching(/exited \(exit code 0\); kept \d+ samples/),
    ]);
    const session = await readSessionFile(output);
    expect(session.end?.reason).toBe('target-exited');
    expect(session.truncated).toBe(false);
    // The profilers outlive the JavaScript context: the last window's profiles are kept.
    expect(session.cpuProfiles.length).toBeGreaterThanOrEqual(1);
    expect(session.snapshots.length).toBeGreaterThanOrEqual(3);
  });

  it('pid mode: one line saying it exited, the file closed with target-exited', async () => {
    const target = await startFaultTarget({ EXIT_AFTER_MS: '2500' });
    const output = join(dir, 'pid-exit.hyperscope');
    const result = await startCli(recordArgs(output, { pid: target.pid })).done;
    expect(result.code).not.toBe(0);
    expect(errorLines(result.stderr)).toEqual([
      expect.stringMatching(new RegExp(`pid ${target.pid}\\) exited`)),
    ]);
    expect((await readSessionFile(output)).end?.reason).toBe('target-exited');
  });
});

describe('detach leaves the target as it was', () => {
  it('Ctrl-C in pid mode: saved, no agent, no patches, no subscriptions, the inspector we opened closed', async () => {
    const target = await startFaultTarget();
    const before = await readTargetState(target);
    expect(before).toMatchObject(LEFT_AS_FOUND);
    const output = join(dir, 'detach.hyperscope');
    const run = startCli(recordArgs(output, { pid: target.pid }));
    await waitForSnapshots(output, 4);
    const during = await readTargetState(target);
    expect(during.agentInstalled).toBe(true);
    expect(during.changedMethods.length).toBeGreaterThan(0); // the check can see a patch
    expect(during.subscribedChannels.length).toBeGreaterThan(0);
    run.child.kill('SIGINT');
    const result = await run.done;
    expect(result.code).toBe(0);
    const session = await readSessionFile(output);
    expect(session.end?.reason).toBe('interrupted');

    expect(await settledTargetState(target, (s) => s.inspectorUrl === null)).toMatchObject(LEFT_AS_FOUND);
    const port = new URL(session.header.target.inspectorUrl!).port;
    await expect(fetch(`http://127.0.0.1:${port}/json/list`)).rejects.toThrow();
  });
});
