// The inspector connection dropped under a running recording: the recorder reconnects once and keeps
// writing the same file (saying so), or stops with one clear line when it cannot.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSessionFile } from '../../main/session/read-session-file';
import { startCli } from '../support/cli';
import {
  LEFT_AS_FOUND,
  killFaultTargets,
  settledTargetState,
  startFaultTarget,
} from './support/fault-target';
import { errorLines, waitForSnapshots } from '../support/session-file';
import { recordArgs } from './support/record-args';
import { startTcpProxy } from './support/tcp-proxy';

const dir = mkdtempSync(join(tmpdir(), 'hyperscope-cut-'));
afterAll(killFaultTargets);

const messages = (events: { message: string }[]): string => events.map((e) => e.message).join('\n');

describe('inspector connection cut under the recorder', () => {
  it('pid mode: the target closes its inspector; the recorder reopens it, goes on, and closes it at the end', async () => {
    const target = await startFaultTarget({ CLOSE_INSPECTOR_AFTER_MS: '1200' });
    const output = join(dir, 'pid.hyperscope');
    const result = await startCli(recordArgs(output, { pid: target.pid }, '5s')).done;
    expect(target.output.stdout).toMatch(/inspector closed by the target/);
    expect(result.stderr).not.toMatch(/hyperscope record:/);
    expect(result.code).toBe(0);
    const session = await readSessionFile(output);
    expect(session.end?.reason).toBe('duration');
    expect(messages(session.events)).toMatch(/connection was closed .*reconnecting once/);
    const reconnected = session.events.find((e) =>
      /reconnected to the target \(agent reused\)/.test(e.message),
    );
    expect(reconnected).toBeDefined();
    // The same file goes on after the reconnect.
    expect(session.snapshots.filter((s) => s.time > reconnected!.time).length).toBeGreaterThanOrEqual(5);
    // We opened the inspector both times: it is closed again, and the agent is gone.
    expect(await settledTargetState(target, (s) => s.inspectorUrl === null)).toMatchObject(LEFT_AS_FOUND);
  });

  it('url mode through a proxy: the connection is cut once; the recorder reconnects to the same URL', async () => {
    const target = await startFaultTarget({}, true);
    const proxy = await startTcpProxy(Number(new URL(target.inspectorUrl!).port));
    const output = join(dir, 'proxy.hyperscope');
    const run = startCli(recordArgs(output, { url: `127.0.0.1:${proxy.port}` }, '5s'));
    await waitForSnapshots(output, 3);
    expect(proxy.cutAll()).toBeGreaterThan(0);
    const result = await run.done;
    await proxy.close();
    expect(result.code).toBe(0);
    const session = await readSessionFile(output);
    expect(session.end?.reason).toBe('duration');
    expect(messages(session.events)).toMatch(/reconnected to the target \(agent reused\)/);
    // Someone else opened this inspector: it stays open; our agent is gone.
    const after = await settledTargetState(target, (s) => !s.agentInstalled);
    expect(after).toMatchObject({ ...LEFT_AS_FOUND, inspectorUrl: target.inspectorUrl });
  });

  it('url mode: the inspector is gone for good; one reconnect fails and the recording stops with one line', async () => {
    const target = await startFaultTarget({ CLOSE_INSPECTOR_AFTER_MS: '1200' }, true);
    const output = join(dir, 'gone.hyperscope');
    const run = startCli(recordArgs(output, { url: target.inspectorUrl! }));
    const result = await run.done;
    expect(result.code).not.toBe(0);
    expect(errorLines(result.stderr)).toEqual([
      expect.stringMatching(/inspector connection was closed and reconnecting failed .*; kept \d+ samples/),
    ]);
    const session = await readSessionFile(output);
    expect(session.end?.reason).toBe('connection-lost');
    expect(session.snapshots.length).toBeGreaterThanOrEqual(2);
  });
});
