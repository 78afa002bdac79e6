import { describe, expect, it } from 'vitest';
import { cpuWindow } from '../findings/test-support/cpu-windows';
import {
  idlePrimary,
  poolStarvedWorker,
  resizeThreadInfo,
  withSources,
} from '../findings/test-support/multi-source-session';
import { buildSession, TEST_START_TIME } from '../findings/test-support/session-builder';
import type { Session } from '../session/session';
import { buildReport } from './build-report';
import { formatTextReport } from './format-text';

const T0 = TEST_START_TIME;
const withCpu = (session: Session, samples: Record<string, number>, scriptId: string): Session => ({
  ...session,
  cpuProfiles: [cpuWindow(T0, samples, 100, scriptId)],
});

/** An idle primary, a busy healthy worker, a worker whose pool starves, and a thread that exited. */
function cluster(): Session {
  const thread = buildSession({ snapshots: 4, seed: 9 });
  return withSources(withCpu(idlePrimary(10), { tick: 3 }, '1'), [
    {
      info: { id: 'p4243', kind: 'process', pid: 4243, threadId: 0, label: 'worker 1 of 2' },
      session: withCpu(buildSession({ snapshots: 10, seed: 3 }), { render: 600, parse: 100 }, '31'),
    },
    {
      info: { id: 'p4244', kind: 'process', pid: 4244, threadId: 0, label: 'worker 2 of 2' },
      session: withCpu(poolStarvedWorker(10), { render: 200 }, '44'),
    },
    {
      info: resizeThreadInfo(4244),
      session: {
        ...thread,
        events: [{ type: 'event', time: T0 + 2500, level: 'warning', message: 'collection slow' }],
      },
      end: { time: T0 + 4000, reason: 'exited' },
    },
  ]);
}

describe('the report of several processes and threads', () => {
  it('lists every part and places the worker’s finding on it, not on the idle primary', () => {
    const report = buildReport(cluster());
    expect(report.parts!.map((p) => [p.id, p.label, p.pid, p.threadId, p.parent, p.snapshots])).toEqual([
      ['main', 'primary (pid 4242)', 4242, 0, null, 10],
      ['p4243', 'worker 1 of 2', 4243, 0, 'main', 10],
      ['p4244', 'worker 2 of 2', 4244, 0, 'main', 10],
      ['p4244.t1', 'thread 1 (resize.js)', 4244, 1, 'p4244', 4],
    ]);
    expect(report.parts!.map((p) => p.ended?.reason ?? null)).toEqual(['duration', null, null, 'exited']);
    expect(report.findings.map((f) => [f.kind, f.place?.part])).toEqual([['pool-starvation', 'p4244']]);
    expect(report.snapshots).toBe(34);
    expect(report.part).toBeUndefined();
  });

  it('merges the CPU tables of all parts, each part’s busy time beside', () => {
    const report = buildReport(cluster());
    // A CDP profile's last sample has no time of its own: each window is 1 ms short.
    expect(report.parts!.map((p) => p.cpuBusyUs)).toEqual([2000, 699_000, 199_000, null]);
    expect(report.cpu!.busyUs).toBe(900_000);
    expect(report.cpu!.windows).toBe(3);
    expect(report.cpu!.top.map((row) => [row.frame.functionName, row.flat])).toEqual([
      ['render', 799_000],
      ['parse', 99_000],
      ['tick', 2000],
      ['handleRequest', 0],
    ]);
  });

  it('sums what adds up over parts and keeps each part’s own summary', () => {
    const report = buildReport(cluster());
    const completed = report.parts!.map((p) => p.summary.requests.completed);
    expect(completed[0]).toBe(0);
    expect(report.summary.requests.completed).toBe(completed.reduce((a, b) => a + b, 0));
    expect(report.summary.eventLoop.delayMaxMs).toBe(
      Math.max(...report.parts!.map((p) => p.summary.eventLoop.delayMaxMs!)),
    );
    expect(report.notes.map((n) => n.message)).toEqual(['thread 1 (resize.js): collection slow']);
  });

  it('says up front what was recorded, and where each finding is', () => {
    const text = formatTextReport(buildReport(cluster()));
    const lines = text.split('\n');
    expect(lines[0]).toMatch(
      /^hyperscope report: primary \(pid 4242\) and 3 more parts, node v20.20.2, .* 34 snapshots of all parts every/,
    );
    expect(lines.slice(3, 9)).toEqual([
      'recorded 3 processes and 1 thread:',
      expect.stringMatching(/^ {2}part +id +pid +thread +node +snapshots +cpu busy +ended$/),
      expect.stringMatching(/^ {2}primary \(pid 4242\) +main +4242 +- +v20\.20\.2 +10 +2ms +duration$/),
      expect.stringMatching(/^ {2}worker 1 of 2 +p4243 +4243 +- .* 699ms +with the session$/),
      expect.stringMatching(/^ {2}worker 2 of 2 +p4244 /),
      expect.stringMatching(/^ {2}thread 1 \(resize\.js\) +p4244\.t1 +4244 +1 .* - +exited at \+4\.0 s$/),
    ]);
    expect(text).toContain('1 finding over 4 parts: 1 critical');
    expect(text).toMatch(/CRITICAL {2}pool-starvation {2}worker 2 of 2 \(pid 4244\): /);
    expect(text).toContain(
      'busy by part: worker 1 of 2 (pid 4243) 699ms, worker 2 of 2 (pid 4244) 199ms, primary (pid 4242) 2ms',
    );
    expect(text).toContain('Summary, all 4 parts together');
  });

  it('reports one part alone when asked, and never lets an idle primary read as the whole story', () => {
    const primary = buildReport(cluster(), {}, { part: 'main' });
    expect(primary).toMatchObject({ part: 'main', findings: [], snapshots: 10, target: { pid: 4242 } });
    expect(primary.parts).toHaveLength(4);
    expect(primary.cpu!.busyUs).toBe(2000);
    const text = formatTextReport(primary);
    expect(text).toMatch(/^hyperscope report: primary \(pid 4242\) alone, node v20\.20\.2, /);
    expect(text).toContain(
      'No findings in primary (pid 4242); the session recorded 3 more parts (without --process the report covers them all).',
    );
    expect(text).toMatch(/^\* primary \(pid 4242\) +main/m);
    const worker = buildReport(cluster(), {}, { part: 'p4244' });
    expect(worker.target).toMatchObject({ pid: 4244 });
    expect(worker.findings.map((f) => f.place)).toEqual([
      { part: 'p4244', label: 'worker 2 of 2', pid: 4244, threadId: 0 },
    ]);
    expect(worker.cpu!.top[0]!.frame.functionName).toBe('render');
    expect(() => buildReport(cluster(), {}, { part: 'p9' })).toThrow(/no part "p9"/);
  });

  it('says so when no part has a finding', () => {
    const quiet = withSources(idlePrimary(5), [
      {
        info: { id: 'p2', kind: 'process', pid: 2, threadId: 0, label: 'worker 1 of 1' },
        session: buildSession({ snapshots: 5 }),
      },
    ]);
    expect(formatTextReport(buildReport(quiet))).toContain(
      'No findings in any of the 2 processes and threads recorded.',
    );
  });
});
