// A target under full-speed load (autocannon on 127.0.0.1) while a recording with everything on runs:
// the target keeps serving, and the recorder keeps its interval or says what it dropped.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSessionFile } from '../../main/session/read-session-file';
import { CLI, startCli, waitForOutput } from '../support/cli';
import { killNodeTargets, RANDOM_INSPECT_PORT, startProcess } from '../support/node-target';
import { loadAtFullSpeed } from './support/autocannon';
import { waitForSnapshots } from '../support/session-file';

const dir = mkdtempSync(join(tmpdir(), 'hyperscope-load-'));
const INTERVAL_MS = 500;
const LOAD_S = 5;
afterAll(killNodeTargets);

describe('recording a target under heavy load', () => {
  it('the target keeps serving and the recorder keeps up (or reports what it dropped)', async () => {
    // A random port for the inspector opened by signal: other PID-mode tests may hold 9229.
    const demo = await startProcess(process.execPath, [
      RANDOM_INSPECT_PORT,
      CLI,
      'demo',
      '--scenario',
      'healthy',
    ]);
    await waitForOutput(demo.output, (o) => /on http:\/\/127\.0\.0\.1:\d+/.test(o.stdout));
    const base = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(demo.output.stdout)![1]!;
    const pid = Number(/\(pid (\d+)\)/.exec(demo.output.stdout)![1]);
    const url = `${base}/products/7?token=load-secret`;
    const headers = { authorization: 'Bearer demo-7' };

    await loadAtFullSpeed(url, 1, headers); // warm-up: JIT and pools
    const baseline = await loadAtFullSpeed(url, 3, headers);
    const output = join(dir, 'load.hyperscope');
    const recorder = startCli([
      'record',
      '--interval',
      `${INTERVAL_MS}ms`,
      '-o',
      output,
      '--pid',
      String(pid),
    ]);
    await waitForSnapshots(output, 1);
    const loaded = await loadAtFullSpeed(url, LOAD_S, headers);
    recorder.child.kill('SIGINT');
    const result = await recorder.done;
    const session = await readSessionFile(output);

    const snapshotTimes = session.snapshots.map((s) => s.time);
    const gaps = snapshotTimes.slice(1).map((t, i) => t - snapshotTimes[i]!);
    const dropped = session.snapshots.at(-1)?.agent.dropped ?? {};
    const figures = {
      baselinePerS: baseline.perSecond,
      recordingPerS: loaded.perSecond,
      ratio: +(loaded.perSecond / baseline.perSecond).toFixed(2),
      snapshots: session.snapshots.length,
      maxGapMs: Math.max(...gaps),
      dropped,
      warnings: session.events.filter((e) => e.level !== 'info').map((e) => e.message),
    };
    console.log('heavy load figures', JSON.stringify(figures));

    expect(result.code).toBe(0);
    expect(session.end?.reason).toBe('interrupted');
    expect(baseline.requests).toBeGreaterThan(1000);
    // Keeps serving: no errors, every answer 2xx, and most of the baseline throughput.
    expect(loaded.errors).toBe(0);
    expect(loaded.non2xx).toBe(0);
    expect(figures.ratio).toBeGreaterThan(0.4);
    // Keeps up: about one snapshot per interval over the load; a late one is said in an event.
    expect(session.snapshots.length).toBeGreaterThanOrEqual(Math.floor((LOAD_S * 1000) / INTERVAL_MS) - 2);
    if (figures.maxGapMs > 3 * INTERVAL_MS) expect(figures.warnings.length).toBeGreaterThan(0);
    expect(session.snapshots.at(-1)!.http.completed).toBeGreaterThan(loaded.requests * 0.9);
  });
});
