import { describe, expect, it } from 'vitest';
import { buildSession } from '../findings/test-support/session-builder';
import { histogramQuantileMs, mergeHistograms } from './duration-histogram';
import { findTlsHandshakeSlow, SLOW_FLOOR_MS } from './tls-handshake-slow';
import { findTlsHandshakeStalled, STALLED_AFTER_MS } from './tls-handshake-stalled';
import { summariseTlsHosts } from './tls-host-summary';
import type { DurationHistogram, PendingHandshake, TlsHostInterval, TlsSection } from './tls-section';
import { handshakeBucketOf, handshakeBucketUpperMs, TLS_SECTION_KEY } from './tls-section';

const FRAME = { functionName: 'callPayments', url: 'file:///srv/payments.js', line: 12, column: 5 };

function histogramOf(durationsMs: number[]): DurationHistogram {
  const histogram: DurationHistogram = {};
  for (const ms of durationsMs)
    histogram[handshakeBucketOf(ms)] = (histogram[handshakeBucketOf(ms)] ?? 0) + 1;
  return histogram;
}

function hostInterval(
  host: string,
  handshakesMs: number[],
  connectsMs: number[],
  reused = 0,
): TlsHostInterval {
  return {
    host,
    side: 'client',
    completed: handshakesMs.length,
    reused,
    handshakeMs: {
      sum: handshakesMs.reduce((a, b) => a + b, 0),
      max: Math.max(0, ...handshakesMs),
      histogram: histogramOf(handshakesMs),
    },
    connectMs: {
      count: connectsMs.length,
      sum: 0,
      max: Math.max(0, ...connectsMs),
      histogram: histogramOf(connectsMs),
    },
    errors: {},
    protocols: { 'TLSv1.3': handshakesMs.length },
    ciphers: {},
    alpn: {},
    slowestFrames: [FRAME],
  };
}

function tlsSection(hosts: TlsHostInterval[], pending: PendingHandshake[] = []): TlsSection {
  return {
    intervalMs: 1000,
    hosts,
    pending,
    pendingMinAgeMs: 250,
    inProgress: { tcp: 0, tls: pending.length },
    totals: { started: 0, completed: 0, failed: 0, reused: 0 },
  };
}

describe('duration histograms', () => {
  it('buckets by quarter octaves and reads quantiles back within 19%', () => {
    expect(handshakeBucketOf(0.4)).toBe(0);
    expect(handshakeBucketUpperMs(handshakeBucketOf(300))).toBeGreaterThanOrEqual(300);
    expect(handshakeBucketUpperMs(handshakeBucketOf(300))).toBeLessThan(300 * 1.19);
    const merged = mergeHistograms([histogramOf([2, 2, 2]), histogramOf([2, 300])]);
    expect(histogramQuantileMs(merged, 0.5)).toBeLessThan(2.4);
    expect(histogramQuantileMs(merged, 0.99, 300)).toBe(300);
  });
});

describe('tls-handshake-slow', () => {
  it('names the host whose p99 is far above its TCP connect time, with the frames', () => {
    const session = buildSession({ snapshots: 6 }, (snapshot) => {
      snapshot.extensions = {
        [TLS_SECTION_KEY]: tlsSection([
          hostInterval('payments.internal:443', [310, 305, 320], [0.5, 0.6, 0.4]),
          hostInterval('fast.internal:443', [3, 4, 2, 5], [0.5, 0.5, 0.5, 0.5], 3),
        ]),
      };
    });
    const findings = findTlsHandshakeSlow(session, {});
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ kind: 'tls-handshake-slow', severity: 'critical', frames: [FRAME] });
    expect(findings[0]!.evidence.values).toMatchObject({ host: 'payments.internal:443', handshakes: 18 });
    const fast = summariseTlsHosts(session).find((h) => h.host === 'fast.internal:443')!;
    expect(fast.reuseRatio).toBe(0.75);
  });

  it('does not call handshakes slow when the network is as slow (far host)', () => {
    const session = buildSession({ snapshots: 4 }, (snapshot) => {
      snapshot.extensions = {
        [TLS_SECTION_KEY]: tlsSection([hostInterval('far.example:443', [160, 170, 180], [80, 85, 90])]),
      };
    });
    expect(findTlsHandshakeSlow(session, {})).toEqual([]);
  });

  it('finds nothing in a healthy session with local TLS, nor without a TLS section', () => {
    const healthy = buildSession({ snapshots: 5 }, (snapshot) => {
      snapshot.extensions = {
        [TLS_SECTION_KEY]: tlsSection([hostInterval('localhost:8443', [2, 3, 40], [0.3, 0.3, 0.3])]),
      };
    });
    expect(40).toBeLessThan(SLOW_FLOOR_MS);
    expect(findTlsHandshakeSlow(healthy, {})).toEqual([]);
    expect(findTlsHandshakeSlow(buildSession({ snapshots: 5 }), {})).toEqual([]);
  });
});

describe("tls-handshake-slow judged less the event loop's own stalls", () => {
  // The agent times a handshake from 'connect' to 'secureConnect' in JavaScript: a stall of the target's
  // loop in between is in the time it measures.
  const withLoop = (delayMaxMs: (index: number) => number, handshakesMs: (index: number) => number[]) =>
    buildSession({ snapshots: 6 }, (snapshot, step) => {
      snapshot.eventLoop.delayMaxMs = delayMaxMs(step.index);
      const handshakes = handshakesMs(step.index);
      snapshot.extensions = {
        [TLS_SECTION_KEY]: tlsSection([
          hostInterval(
            'api.internal:443',
            handshakes,
            handshakes.map(() => 0.4),
          ),
        ]),
      };
    });

  it('does not call a fast peer slow because the loop stalled 250 ms every second', () => {
    const blocked = withLoop(
      () => 250,
      () => [270, 30, 260],
    );
    expect(findTlsHandshakeSlow(blocked, {})).toEqual([]);
  });

  it('nor for one handshake held by one stall (a GC pause, the agent install)', () => {
    const once = withLoop(
      (i) => (i === 0 ? 180 : 8),
      (i) => (i === 0 ? [200, 4] : [4, 5, 6]),
    );
    expect(findTlsHandshakeSlow(once, {})).toEqual([]);
  });

  it('still finds a slow peer under a busy loop, and says both figures', () => {
    const slow = withLoop(
      () => 60,
      () => [360, 370, 380],
    );
    const [finding] = findTlsHandshakeSlow(slow, {});
    expect(finding).toMatchObject({ kind: 'tls-handshake-slow', severity: 'critical' });
    expect(finding!.evidence.values['p99Ms']).toBeGreaterThanOrEqual(380);
    expect(finding!.evidence.values['p99LessLoopStallsMs']).toBeLessThan(380);
    expect(finding!.evidence.values['p99LessLoopStallsMs']).toBeGreaterThanOrEqual(320);
  });
});

describe('tls-handshake-stalled', () => {
  const stalled = (ageMs: number): PendingHandshake => ({
    host: '10.0.0.7:443',
    side: 'client',
    phase: 'tls',
    ageMs,
    peer: '10.0.0.7:443',
    frames: [FRAME],
  });

  it('names the host with handshakes unfinished past the threshold, and counts them over time', () => {
    const session = buildSession({ snapshots: 8 }, (snapshot, step) => {
      const pending = Array.from({ length: step.index + 1 }, (_, i) => stalled((i + 1) * 1000));
      snapshot.extensions = { [TLS_SECTION_KEY]: tlsSection([], pending) };
    });
    const [finding, ...rest] = findTlsHandshakeStalled(session, {});
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ kind: 'tls-handshake-stalled', severity: 'warning', frames: [FRAME] });
    expect(finding!.evidence.values).toMatchObject({
      host: '10.0.0.7:443',
      maxStalled: 8 - 4,
      oldestSeconds: 8,
    });
    expect(finding!.evidence.series[0]!.points.map((p) => p.v)).toEqual([1, 2, 3, 4]);
  });

  it('ignores young handshakes and TCP connects that have not reached TLS', () => {
    const session = buildSession({ snapshots: 5 }, (snapshot) => {
      snapshot.extensions = {
        [TLS_SECTION_KEY]: tlsSection(
          [],
          [stalled(STALLED_AFTER_MS - 1), { ...stalled(60_000), phase: 'tcp' }],
        ),
      };
    });
    expect(findTlsHandshakeStalled(session, {})).toEqual([]);
  });
});
