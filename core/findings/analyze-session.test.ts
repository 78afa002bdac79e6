import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeSession, ANALYSES } from './analyze-session';
import type { Analysis } from './analysis';
import type { Finding } from './finding';
import { BOUNDED_UPSTREAM, buildSession } from './test-support/session-builder';

const finding = (kind: Finding['kind'], severity: Finding['severity']): Finding => ({
  kind,
  severity,
  title: `${kind} ${severity}`,
  evidence: { summary: '', values: {}, series: [] },
  frames: [],
  advice: '',
});

describe('analyzeSession', () => {
  it('finds nothing worth a warning on healthy timelines with noise, whatever the seed and length', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 120 }),
        (seed, snapshots) => {
          const findings = analyzeSession(buildSession({ snapshots, seed }));
          expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
        },
      ),
      { numRuns: 300, seed: 20_240_101 },
    );
  });

  it('finds every pitfall of a service that has them all, critical first', () => {
    const session = buildSession({ snapshots: 10 }, (snapshot, step) => {
      const pool = snapshot.pools.find((p) => p.origin === BOUNDED_UPSTREAM)!;
      Object.assign(pool, { maxSockets: 10, inUse: 10, idle: 0, queued: 2 });
      snapshot.sockets.idle += 3 * step.index;
      snapshot.fds.open = 40 + 90 * step.index;
      snapshot.eventLoop.delayMaxMs = 150;
    });
    const findings = analyzeSession(session);
    expect(findings.map((f) => `${f.severity} ${f.kind}`)).toEqual([
      'critical fd-exhaustion',
      'warning pool-starvation',
      'warning socket-leak',
      'warning event-loop-blocked',
    ]);
  });

  it('sorts by severity and keeps registry order within one severity', () => {
    const analyses: Analysis[] = [
      () => [finding('socket-leak', 'info'), finding('socket-leak', 'warning')],
      () => [finding('fd-exhaustion', 'warning'), finding('fd-exhaustion', 'critical')],
    ];
    expect(analyzeSession(buildSession({ snapshots: 1 }), {}, analyses).map((f) => f.title)).toEqual([
      'fd-exhaustion critical',
      'socket-leak warning',
      'fd-exhaustion warning',
      'socket-leak info',
    ]);
  });

  it('passes the context on and copes with a session without snapshots', () => {
    expect(ANALYSES.length).toBeGreaterThanOrEqual(4);
    expect(analyzeSession(buildSession({ snapshots: 0 }), { hotStack: [] })).toEqual([]);
  });
});
