// A target stopped with SIGSTOP keeps its inspector socket open but answers nothing: the recorder must
// notice within seconds, keep and close the file, exit non-zero with one line, and leave the target as
// it was once it resumes.
import { waitFor } from '../support/wait-for';
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
import { killPid } from '../support/node-target';
import { launchFaultTarget, recordArgs } from './support/record-args';
import { errorLines, headerPid, waitForSnapshots } from '../support/session-file';

const dir = mkdtempSync(join(tmpdir(), 'hyperscope-frozen-'));
const stoppedPids: number[] = [];
afterAll(async () => {
  stoppedPids.forEach(killPid);
  await killFaultTargets();
});

describe('a frozen target (SIGSTOP)', () => {
  it('launch mode: ends the recording within 15 s with one line, keeps the file and stops the child', async () => {
    const output = join(dir, 'launch.hyperscope');
    const run = startCli(recordArgs(output, launchFaultTarget()));
    await waitForSnapshots(output, 3);
    const pid = headerPid(output);
    stoppedPids.push(pid);
    const stoppedAt = Date.now();
    process.kill(pid, 'SIGSTOP');
    const result = await run.done;
    const tookMs = Date.now() - stoppedAt;
    expect(tookMs).toBeLessThan(15_000);
    expect(result.code).not.toBe(0);
    expect(errorLines(result.stderr)).toEqual([
      expect.stringMatching(/the target stopped answering .*; kept \d+ samples/),
    ]);
    const session = await readSessionFile(output);
    expect(session.end?.reason).toBe('error');
    expect(session.snapshots.length).toBeGreaterThanOrEqual(3);
    expect(session.events.map((e) => e.message).join('\n')).toMatch(/did not answer/);
    // The launched child was stopped for good (SIGKILL reaches a stopped process).
    await waitFor(
      () => !isAlive(pid),
      3000,
      () => `launched child ${pid} still alive`,
    );
  });

  it('pid mode: ends within 15 s; once resumed, the target has no agent, no patches and a closed inspector', async () => {
    const target = await startFaultTarget();
    const output = join(dir, 'pid.hyperscope');
    const run = startCli(recordArgs(output, { pid: target.pid }));
    await waitForSnapshots(output, 3);
    const during = await readTargetState(target);
    expect(during.agentInstalled).toBe(true);
    expect(during.inspectorUrl).not.toBeNull();
    const stoppedAt = Date.now();
    process.kill(target.pid, 'SIGSTOP');
    const result = await run.done;
    expect(Date.now() - stoppedAt).toBeLessThan(15_000);
    expect(result.code).not.toBe(0);
    expect(errorLines(result.stderr)).toHaveLength(1);
    const session = await readSessionFile(output);
    expect(session.end?.reason).toBe('error');

    // The detach and the inspector close were queued in the socket: they run when the target resumes.
    process.kill(target.pid, 'SIGCONT');
    const after = await settledTargetState(target, (s) => !s.agentInstalled && s.inspectorUrl === null);
    expect(after).toMatchObject(LEFT_AS_FOUND);
    // It still serves.
    const served = after.served;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await readTargetState(target)).served).toBeGreaterThan(served);
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
