import { describe, expect, it } from 'vitest';
import type { Frame } from '../frame';
import { BOUNDED_UPSTREAM, buildSession, TEST_START_TIME } from '../findings/test-support/session-builder';
import { buildReport } from './build-report';
import { REPORT_SCHEMA } from './report';

const hotFrames: Frame[] = [
  { functionName: 'renderPage', url: 'file:///srv/app/render.js', line: 40, column: 5 },
];

/** A session whose pool starves and whose loop stalls from the 3rd second. */
function troubledSession() {
  return buildSession({ snapshots: 10 }, (snapshot, step) => {
    if (step.index < 2) return;
    Object.assign(
      snapshot.pools.find((p) => p.origin === BOUNDED_UPSTREAM)!,
      {
        maxSockets: 8,
        inUse: 8,
        idle: 0,
        queued: 4 * step.index,
      },
    );
    snapshot.eventLoop = { delayP50Ms: 120, delayP99Ms: 210, delayMaxMs: 230, utilization: 0.97 };
    snapshot.agent.dropped = { 'promise-stacks': 3 * step.index, peers: 0 };
  });
}

describe('buildReport', () => {
  it('has every field of the report contract, JSON-safe', () => {
    const report = buildReport(troubledSession(), { hotStack: hotFrames });
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(report).toMatchObject({
      schema: REPORT_SCHEMA,
      recordedBy: '0.1.0',
      target: { pid: 4242, nodeVersion: 'v20.20.2', argv: ['node', 'server.js'], attachedBy: 'pid' },
      startedAt: TEST_START_TIME,
      durationMs: 10_000,
      intervalMs: 1000,
      snapshots: 10,
      truncated: false,
      endReason: 'duration',
      notes: [],
    });
    for (const finding of report.findings) {
      expect(Object.keys(finding).sort()).toEqual([
        'advice',
        'evidence',
        'frames',
        'kind',
        'severity',
        'title',
      ]);
      for (const frame of finding.frames)
        expect(Object.keys(frame).sort()).toEqual(['column', 'functionName', 'line', 'url']);
    }
    expect(report.findings.map((f) => `${f.severity} ${f.kind}`)).toEqual([
      'critical pool-starvation',
      'critical event-loop-blocked',
    ]);
    expect(report.findings[1]!.frames).toEqual(hotFrames);
  });

  it('summarises peaks, the fd level, the loop, memory, requests and what the agent dropped', () => {
    const session = troubledSession();
    const { summary } = buildReport(session);
    const snapshots = session.snapshots;
    expect(summary.peakQueued).toBe(36);
    expect(summary.peakSockets).toBe(Math.max(...snapshots.map((s) => s.sockets.total)));
    expect(summary.fds).toEqual({
      open: snapshots.at(-1)!.fds.open,
      peak: Math.max(...snapshots.map((s) => s.fds.open!)),
      limit: 1024,
    });
    expect(summary.eventLoop.delayP99Ms).toBe(210);
    expect(summary.eventLoop.delayMaxMs).toBe(230);
    expect(summary.eventLoop.meanUtilization).toBeGreaterThan(0.8);
    expect(summary.heapPeakBytes).toBe(Math.max(...snapshots.map((s) => s.memory.heapUsed)));
    const completed = snapshots.at(-1)!.http.completed - snapshots[0]!.http.completed;
    expect(summary.requests).toEqual({
      completed,
      perSecond: completed / 9,
      inFlight: snapshots.at(-1)!.http.inFlight,
      errors: 0,
    });
    expect(summary.requests.perSecond).toBeGreaterThan(250);
    expect(summary.dropped).toEqual({ 'promise-stacks': 27, peers: 0 });
  });

  it('reports an empty, truncated recording honestly, with the recorder and reader notes', () => {
    const session = buildSession({ snapshots: 0 });
    session.truncated = true;
    session.end = null;
    session.events = [
      { type: 'event', time: TEST_START_TIME + 10, level: 'info', message: 'attached' },
      { type: 'event', time: TEST_START_TIME + 20, level: 'error', message: 'target exited' },
    ];
    session.warnings = ['profile cpu-1 has no end record'];
    const report = buildReport(session);
    expect(report).toMatchObject({
      snapshots: 0,
      truncated: true,
      endReason: null,
      durationMs: 0,
      findings: [],
    });
    expect(report.summary).toMatchObject({
      peakSockets: 0,
      peakQueued: 0,
      fds: { open: null, peak: null, limit: null },
      eventLoop: { delayP99Ms: null, delayMaxMs: null, meanUtilization: null },
      heapPeakBytes: null,
      requests: { completed: 0, perSecond: 0, inFlight: 0, errors: 0 },
      dropped: {},
    });
    expect(report.notes).toEqual([
      { time: TEST_START_TIME + 20, level: 'error', message: 'target exited' },
      { time: null, level: 'warning', message: 'profile cpu-1 has no end record' },
    ]);
  });
});
