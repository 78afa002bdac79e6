import { describe, expect, it } from 'vitest';
import { buildSession } from '../findings/test-support/session-builder';
import { findBlockedChain, MIN_BLOCKED_SPAN_MS } from './blocked-chain';
import { groupChains, waitLabel } from './group-chains';
import { findPromiseLeak } from './promise-leak';
import type { ChainGroup, PromiseSection, WaitReason } from './promise-section';
import { promiseCountSeries } from './promise-sections';
import { renderGoroutineDump } from './render-goroutine-dump';
import { waitsOnLiveWorker, workerThreadDetail } from './worker-wait';

const frame = (functionName: string, line: number) => ({ functionName, url: '/srv/app.js', line, column: 3 });

function group(
  id: string,
  count: number,
  ageP50Ms: number,
  reason: WaitReason = { kind: 'socket-connect' },
): ChainGroup {
  return {
    id,
    frames: [frame(`site_${id}`, 10), frame('handler', 40)],
    count,
    ageP50Ms,
    ageP99Ms: ageP50Ms * 2,
    ageMaxMs: ageP50Ms * 3,
    waits: [{ reason, count }],
    maxDepth: 4,
  };
}

function section(groups: ChainGroup[], pending = 0, coverage = 0.25): PromiseSection {
  return {
    time: 0,
    counts: {
      created: 1000,
      settled: 1000 - pending,
      pending,
      pendingWithoutDetail: 0,
      collectedUnsettled: 0,
    },
    sampling: { coverage, active: false, promisesPerSecond: 50_000, stackRatio: 0.1 },
    groups,
    chains: groups.reduce((n, g) => n + g.count, 0),
    dropped: {},
  };
}

/** A session whose snapshots carry the sections `at(index)` returns. */
const sessionWith = (
  snapshots: number,
  at: (index: number, jitter: (a: number) => number) => ChainGroup[],
  intervalMs = 1000,
) =>
  buildSession({ snapshots, intervalMs }, (snapshot, step) => {
    snapshot.extensions = { ...snapshot.extensions, promises: section(at(step.index, step.jitter)) };
  });

/** A healthy service: a few chains per handler, young, wandering with load. */
const healthy = (index: number, jitter: (a: number) => number) => [
  group('aaaa0001', 6 + jitter(4), 20 + jitter(10), { kind: 'socket-read' }),
  group('aaaa0002', 2 + jitter(2), 5, { kind: 'timer' }),
];

describe('groupChains', () => {
  it('puts the biggest group first and labels what it waits on', () => {
    const view = groupChains(
      section([group('small', 2, 10), group('big', 30, 10, { kind: 'pool-queue', detail: 'QueuedRequest' })]),
    );
    expect(view.map((g) => g.id)).toEqual(['big', 'small']);
    expect(view[0]!.site).toEqual(frame('site_big', 10));
    expect(view[0]!.waits[0]!.label).toBe('queued for a pooled socket (QueuedRequest)');
    expect(waitLabel({ kind: 'stream', detail: 'IncomingMessage POST /upload' })).toBe(
      'incoming request body (POST /upload)',
    );
    expect(waitLabel({ kind: 'pool-queue', detail: 'undici api:443' })).toBe(
      'queued for a pooled socket (undici api:443)',
    );
  });
});

describe('renderGoroutineDump', () => {
  it('prints groups like goroutine?debug=1: count @ id, ages, waits, frames', () => {
    const text = renderGoroutineDump(section([group('g1', 3, 1500), group('g2', 12, 25_000)], 40), 1);
    const lines = text.split('\n');
    expect(lines[0]).toContain('15 pending in 2 groups');
    expect(lines[2]).toBe('12 @ g2  age p50 25s p99 50s max 75s  depth 4');
    expect(lines[3]).toBe('#\twaits on socket connect ×12');
    expect(lines[4]).toBe('#\tsite_g2\t/srv/app.js:10:3');
    expect(text).toContain('… 3 more chains in 1 smaller groups');
  });
});

describe('promiseCountSeries', () => {
  it('gives created, settled and pending over time', () => {
    const series = promiseCountSeries(sessionWith(3, () => []));
    expect(series.map((s) => s.name)).toEqual(['created', 'settled', 'pending']);
    expect(series[0]!.points).toHaveLength(3);
  });
});

describe('findPromiseLeak', () => {
  it('finds a site whose pending chains climb steadily, with its frames', () => {
    const session = sessionWith(12, (i, jitter) => [
      ...healthy(i, jitter),
      group('leak0001', 5 + i * 8 + jitter(2), 3000),
    ]);
    const findings = findPromiseLeak(session, {});
    expect(findings).toHaveLength(1);
    expect(findings[0]!.kind).toBe('promise-leak');
    expect(findings[0]!.frames[0]!.functionName).toBe('site_leak0001');
    expect(findings[0]!.evidence.values['groupId']).toBe('leak0001');
  });

  it("judges severity on the process's chains: the observed ones over the share of time hooks were on", () => {
    // 3 chains a second observed: all there are with hooks always on, about 30 with hooks on 10% of the time.
    const leak = (coverage: number) =>
      findPromiseLeak(
        buildSession({ snapshots: 12 }, (snapshot, step) => {
          const groups = [...healthy(step.index, step.jitter), group('leak0002', 5 + step.index * 3, 3000)];
          snapshot.extensions = { promises: section(groups, 0, coverage) };
        }),
        {},
      )[0]!;
    expect(leak(1).severity).toBe('warning');
    const sampled = leak(0.1);
    expect(sampled.severity).toBe('critical');
    expect(sampled.evidence.values).toMatchObject({ coverage: 0.1, estimatedSlopePerS: 30 });
    expect(sampled.evidence.summary).toContain('Hooks were on 10% of the time: about 30 a second in all.');
  });

  it('stays quiet on a healthy service', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const session = buildSession({ snapshots: 15, seed }, (snapshot, step) => {
        snapshot.extensions = { promises: section(healthy(step.index, step.jitter)) };
      });
      expect(findPromiseLeak(session, {})).toEqual([]);
    }
  });
});

describe('findBlockedChain', () => {
  it('finds many chains waiting long at one site', () => {
    const session = sessionWith(6, (i, jitter) => [
      ...healthy(i, jitter),
      group('stuck001', i >= 2 ? 40 : 0, 4000, { kind: 'pool-queue' }),
    ]);
    const findings = findBlockedChain(session, {});
    expect(findings).toHaveLength(1);
    expect(findings[0]!.title).toContain('40 chains blocked at site_stuck001');
    expect(findings[0]!.evidence.values['waitsOn']).toBe('queued for a pooled socket');
  });

  it("names chains waiting inside undici after the service's code, once for the same blockage", () => {
    const undici = (functionName: string, line: number) => ({
      functionName,
      url: '/srv/node_modules/undici/lib/web/fetch/index.js',
      line,
      column: 5,
    });
    const queued: WaitReason = { kind: 'pool-queue', detail: 'undici api:443' };
    // The service's chain (getJson awaiting fetch) and undici's own chain behind the same requests.
    const app = { ...group('app00001', 30, 4000, queued), waitFrames: [frame('getJson', 21)] };
    const inner = {
      ...group('lib00001', 28, 4000, queued),
      frames: [undici('mainFetch', 525), undici('fetch', 250), frame('getJson', 22), frame('handler', 40)],
      waitFrames: [undici('dispatch', 2154), undici('httpNetworkFetch', 1954)],
    };
    // The handler awaiting getJson in Promise.all: its caller, the same blockage.
    const outer = { ...group('out00001', 36, 4000, queued), frames: [frame('handler', 38)] };
    const session = sessionWith(6, (i, jitter) => [...healthy(i, jitter), outer, app, inner]);
    const findings = findBlockedChain(session, {});
    expect(findings.map((f) => f.title)).toEqual([
      expect.stringContaining('30 chains blocked at getJson (/srv/app.js:21)'),
    ]);
    const alone = findBlockedChain(
      sessionWith(6, (i, jitter) => [...healthy(i, jitter), inner]),
      {},
    );
    expect(alone[0]!.title).toContain('blocked at getJson (/srv/app.js:22)');
    expect(alone[0]!.frames[0]?.functionName).toBe('getJson');
  });

  it('ignores one slow moment and a healthy service', () => {
    const oneSlow = sessionWith(6, (i, jitter) => [
      ...healthy(i, jitter),
      group('blip0001', i === 3 ? 40 : 0, 4000),
    ]);
    expect(findBlockedChain(oneSlow, {})).toEqual([]);
    expect(findBlockedChain(sessionWith(10, healthy), {})).toEqual([]);
  });

  it(`needs the blockage seen ${MIN_BLOCKED_SPAN_MS} ms apart, whatever the interval`, () => {
    const blockedIn = (indexes: number[], intervalMs: number) =>
      findBlockedChain(
        sessionWith(
          12,
          (i, jitter) => [...healthy(i, jitter), group('slow0001', indexes.includes(i) ? 40 : 0, 1500)],
          intervalMs,
        ),
        {},
      ).length;
    // One batch of slow requests seen twice 500 ms apart is one slow moment; at 1 s it has lasted.
    expect(blockedIn([3, 4], 500)).toBe(0);
    expect(blockedIn([3, 4, 5], 500)).toBe(1);
    expect(blockedIn([3, 4], 1000)).toBe(1);
    expect(blockedIn([3], 5000)).toBe(0);
  });
});

describe('chains waiting on a worker thread', () => {
  const live: WaitReason = { kind: 'worker', detail: 'worker thread 3 (resize.js)' };
  const exited: WaitReason = { kind: 'worker', detail: 'worker thread 4 (resize.js), exited' };
  // Requests handed to the worker faster than it answers: more wait each second.
  const backlog = (reason: WaitReason) =>
    sessionWith(12, (i, jitter) => [
      ...healthy(i, jitter),
      group('wkr00001', 5 + i * 8 + jitter(2), 3000, reason),
    ]);

  it('names the thread and its script, and says when it has exited', () => {
    expect(workerThreadDetail({ threadId: 3, script: 'resize.js', exited: false })).toBe(live.detail);
    expect(workerThreadDetail({ threadId: 4, script: 'resize.js', exited: true })).toBe(exited.detail);
    expect(workerThreadDetail({ threadId: 5, name: 'pricing', exited: false })).toBe(
      'worker thread 5 "pricing"',
    );
    expect(workerThreadDetail({ threadId: -1, exited: true })).toBe('worker thread ?, exited');
    expect(waitLabel(live)).toBe('a reply from worker thread 3 (resize.js)');
    expect(waitLabel({ kind: 'worker', detail: 'BroadcastChannel jobs' })).toBe(
      'a reply from BroadcastChannel jobs',
    );
    expect(waitLabel({ kind: 'worker' })).toBe('a reply over postMessage');
    expect(
      [live, exited, { kind: 'worker', detail: 'MessagePort' }].map((r) =>
        waitsOnLiveWorker(r as WaitReason),
      ),
    ).toEqual([true, false, true]);
    expect(waitsOnLiveWorker({ kind: 'none' })).toBe(false);
  });

  it('reports a backlog on a live worker as a blocked chain naming it, not as promises never resolved', () => {
    const session = backlog(live);
    expect(findPromiseLeak(session, {})).toEqual([]);
    const [finding, ...others] = findBlockedChain(session, {});
    expect(others).toEqual([]);
    expect(finding!.title).toMatch(
      /chains blocked at site_wkr00001 .* on a reply from worker thread 3 \(resize\.js\)$/,
    );
    expect(JSON.stringify(finding)).not.toContain('never resolved');
    expect(finding!.advice).toContain('worker thread answers slower');
  });

  it('reports chains piling up on a worker that exited as a leak', () => {
    const [leak] = findPromiseLeak(backlog(exited), {});
    expect(leak!.kind).toBe('promise-leak');
    expect(leak!.evidence.summary).toContain('on a reply from worker thread 4 (resize.js), exited');
  });
});
