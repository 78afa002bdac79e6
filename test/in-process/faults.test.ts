// In-process mode when things go wrong: the host killed mid-recording, a refused signal, an
// HYPERSCOPE_OUT that cannot hold a file, a signal of the user's choosing, and a second recording.
// In every case the host keeps serving (or dies only by the kill) and gets one line per event.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportJson } from '../support/cli';
import { ensureNodeBundles } from '../support/node-bundles';
import { killNodeTargets } from '../support/node-target';
import { waitForSnapshots } from '../support/session-file';
import { waitFor } from '../support/wait-for';
import {
  getStatus,
  startInProcessApp,
  startRecordingBySignal,
  stopRecordingBySignal,
} from './support/in-process-app';

beforeAll(ensureNodeBundles);
afterAll(killNodeTargets);

/** The lines the register printed (`hyperscope: …`). */
const ourLines = (stderr: string): string[] =>
  stderr.split('\n').filter((line) => line.startsWith('hyperscope:'));

describe('in-process mode when things go wrong', () => {
  it('a kill -9 mid-recording leaves a session that reads up to its last snapshot', async () => {
    const app = await startInProcessApp('busy-service.mjs', { preload: '--import' });
    const path = await startRecordingBySignal(app);
    await waitForSnapshots(path, 3);
    app.child.kill('SIGKILL');
    expect((await app.exited).signal).toBe('SIGKILL');
    const report = await reportJson(path);
    expect(report.target.attachedBy).toBe('in-process');
    expect(report.snapshots).toBeGreaterThanOrEqual(3);
    expect(report.endReason).toBeNull();
  });

  it('refuses SIGUSR1 (Node would open its inspector port) in one line at load, and the host runs on', async () => {
    const app = await startInProcessApp('busy-service.mjs', { env: { HYPERSCOPE_SIGNAL: 'SIGUSR1' } });
    expect(ourLines(app.output.stderr)).toEqual([
      'hyperscope: HYPERSCOPE_SIGNAL=SIGUSR1 is refused: Node opens its inspector port on it, which in-process mode is there to avoid; in-process recording is off',
    ]);
    expect(await getStatus(app)).toBe(200);
  });

  it('an HYPERSCOPE_OUT that cannot hold a file costs one line per signal, and the host serves on', async () => {
    const blocked = join(mkdtempSync(join(tmpdir(), 'hyperscope-out-')), 'a-file');
    writeFileSync(blocked, '');
    const broken = await startInProcessApp('busy-service.mjs', {
      env: { HYPERSCOPE_OUT: join(blocked, 'sub') },
    });
    broken.child.kill('SIGUSR2');
    const expected = `hyperscope: HYPERSCOPE_OUT=${join(blocked, 'sub')} cannot hold a session file (ENOTDIR)`;
    await waitFor(
      () => ourLines(broken.output.stderr).length > 0,
      30_000,
      () => `no line on stderr: ${broken.output.stderr}`,
    );
    expect(ourLines(broken.output.stderr)).toEqual([expected]);
    expect(await getStatus(broken)).toBe(200);
    // Nothing is left running: the next signal tries again, and says so again.
    broken.child.kill('SIGUSR2');
    await waitFor(
      () => ourLines(broken.output.stderr).length > 1,
      30_000,
      () => `no second line on stderr: ${broken.output.stderr}`,
    );
    expect(ourLines(broken.output.stderr)).toEqual([expected, expected]);
    expect(broken.child.exitCode).toBeNull();
  });

  it('HYPERSCOPE_SIGNAL=SIGPWR records twice in one process, each into a file of its own', async () => {
    const app = await startInProcessApp('starving-service.cjs', {
      env: { HYPERSCOPE_SIGNAL: 'SIGPWR', HYPERSCOPE_OPTIONS: '--interval 250ms --no-heap' },
    });
    const first = await startRecordingBySignal(app, 'SIGPWR');
    await waitForSnapshots(first, 2);
    await stopRecordingBySignal(app, 'SIGPWR');
    const second = await startRecordingBySignal(app, 'SIGPWR');
    expect(second).not.toBe(first);
    await waitForSnapshots(second, 2);
    await stopRecordingBySignal(app, 'SIGPWR');
    for (const path of [first, second]) {
      const report = await reportJson(path);
      expect(report).toMatchObject({ intervalMs: 250, endReason: 'stopped' });
      expect(report.allocations).toBeUndefined();
    }
    expect(await getStatus(app)).toBe(200);
  });

  it('HYPERSCOPE_DURATION ends a recording by itself', async () => {
    const app = await startInProcessApp('busy-service.mjs', {
      env: { HYPERSCOPE_DURATION: '2s', HYPERSCOPE_OPTIONS: '--interval 500ms' },
    });
    const timed = await startRecordingBySignal(app);
    await waitFor(
      () => app.output.stderr.includes('recording ended: duration; saved'),
      30_000,
      () => `no end line: ${app.output.stderr}`,
    );
    expect((await reportJson(timed)).endReason).toBe('duration');
    expect(await getStatus(app)).toBe(200);
  });
});
