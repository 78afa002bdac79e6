// In-process mode end to end, on a real service started as a user would start it:
// `node --require hyperscope/register service.cjs` with HYPERSCOPE_OUT, under bounded load on 127.0.0.1.
// SIGUSR2 starts a recording, the next one stops it; the file in HYPERSCOPE_OUT is a session that
// `hyperscope report` reads (snapshots, CPU and allocation profiles, findings: the pool that starves),
// and the process never listens on a socket it did not listen on before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame } from '../../core/frame';
import { boundListeningSockets } from '../faults/support/listening-addresses';
import { loadAtFullSpeed } from '../faults/support/autocannon';
import { reportJson, runCli } from '../support/cli';
import { ensureNodeBundles } from '../support/node-bundles';
import { killNodeTargets } from '../support/node-target';
import { countSnapshots, waitForSnapshots } from '../support/session-file';
import {
  getStatus,
  startInProcessApp,
  startRecordingBySignal,
  stopRecordingBySignal,
} from './support/in-process-app';

beforeAll(ensureNodeBundles);
afterAll(killNodeTargets);

/** The listening ports of `pid`, sorted. */
async function listeningPorts(pid: number): Promise<number[]> {
  return (await boundListeningSockets(pid)).map((socket) => socket.port).sort((a, b) => a - b);
}

/** Frames of Hyperscope's in-process code (the register entry or the recorder worker). */
const isOurs = (frame: Frame): boolean => /\/out\/register\/|recorder-worker/.test(frame.url);

describe('in-process mode (node --require hyperscope/register)', () => {
  it('records a starving service between two SIGUSR2s into HYPERSCOPE_OUT, with no port opened', async () => {
    const app = await startInProcessApp('starving-service.cjs');
    expect(app.output.stderr).toBe(''); // nothing at load
    const portsBefore = await listeningPorts(app.pid);
    expect(portsBefore).toContain(app.port);

    const load = loadAtFullSpeed(`http://127.0.0.1:${app.port}/`, 14, {}, 20);
    const path = await startRecordingBySignal(app);
    expect(path.startsWith(`${app.out}/hyperscope-${app.pid}-`)).toBe(true);
    expect(path.endsWith('.hyperscope')).toBe(true);
    await waitForSnapshots(path, 6, 40_000);
    expect(await listeningPorts(app.pid)).toEqual(portsBefore);
    const saved = await stopRecordingBySignal(app);
    expect(saved).toMatch(new RegExp(`saved \\d+ snapshots over .* in ${path}; recorder thread CPU .+`));
    const totals = await load;
    expect(totals.errors + totals.non2xx).toBe(0);
    expect(await listeningPorts(app.pid)).toEqual(portsBefore);

    const report = await reportJson(path);
    expect(report.target).toMatchObject({
      pid: app.pid,
      attachedBy: 'in-process',
      nodeVersion: process.version,
    });
    expect(report.endReason).toBe('stopped');
    expect(report.snapshots).toBeGreaterThanOrEqual(6);
    const starved = report.findings.find((finding) => finding.kind === 'pool-starvation');
    expect(starved, JSON.stringify(report.findings.map((f) => f.title))).toBeDefined();
    expect(starved!.frames.some((frame) => frame.url.endsWith('starving-service.cjs'))).toBe(true);
    expect(report.cpu?.windows).toBeGreaterThanOrEqual(1);
    expect(report.allocations).toBeDefined();
    // The recorder runs in its own thread: none of its code is in the service's profiles or chains.
    expect(report.cpu!.top.map((line) => line.frame).filter(isOurs)).toEqual([]);
    const chainFrames = (report.chains?.groups ?? []).flatMap((group) => group.frames);
    expect(chainFrames.length).toBeGreaterThan(0);
    expect(chainFrames.filter(isOurs)).toEqual([]);

    const text = await runCli(['report', path]);
    expect(text.stdout).toContain('(recorded in-process, no inspector port)');
    expect(app.child.exitCode).toBeNull();
  }, 90_000);

  it('collects while the service holds its own event loop, and names the code holding it', async () => {
    const app = await startInProcessApp('blocking-service.cjs');
    const path = await startRecordingBySignal(app);
    await waitForSnapshots(path, 2);
    const held = countSnapshots(path);
    expect(await getStatus(app, '/rebuild')).toBe(200); // answers after 3 s of synchronous work
    // A recorder on the service's own thread could not have run during those 3 s.
    expect(countSnapshots(path) - held).toBeGreaterThanOrEqual(2);
    await stopRecordingBySignal(app);
    await expectBlockedBy(path, 'rebuildSearchIndex');
  }, 60_000);

  it('finds one block that too few snapshots catch to make a pattern, with the code holding it', async () => {
    // Collecting every 2 s, a 3.5 s block is caught by one or two collections, never the three that make
    // a pattern of stalls: it is found as one block of a second or more. (At 1 s, a 3 s block whose first
    // collection came within 150 ms of its start was caught twice, and found only when no profile window
    // ended in it: the intermittent failure of the test above.)
    const app = await startInProcessApp('blocking-service.cjs', {
      env: { HYPERSCOPE_OPTIONS: '--interval 2s' },
    });
    const path = await startRecordingBySignal(app);
    await waitForSnapshots(path, 2);
    expect(await getStatus(app, '/rebuild?ms=3500')).toBe(200);
    await stopRecordingBySignal(app);
    await expectBlockedBy(path, 'rebuildSearchIndex');
  }, 60_000);
});

/** The session at `path` has an event-loop-blocked finding whose frames name `functionName`. */
async function expectBlockedBy(path: string, functionName: string): Promise<void> {
  const report = await reportJson(path);
  const blocked = report.findings.find((finding) => finding.kind === 'event-loop-blocked');
  expect(blocked, `${path}: ${JSON.stringify(report.findings.map((f) => f.title))}`).toBeDefined();
  expect(blocked!.frames.map((frame) => frame.functionName)).toContain(functionName);
}
