import { describe, expect, it } from 'vitest';
import type { AgentSnapshot } from '../agent-protocol';
import {
  CRITICAL_PROJECTION_MS,
  CRITICAL_SHARE_OF_LIMIT,
  findFdExhaustion,
  WARNING_SHARE_OF_LIMIT,
} from './fd-exhaustion';
import { buildSession } from './test-support/session-builder';

/** fds leaking at `perSecond` over the healthy level, against `limit`. */
function leakFds(perSecond: number, limit: number | null = 1024) {
  return (snapshot: AgentSnapshot, step: { index: number }) => {
    snapshot.fds.open = snapshot.fds.open! + Math.round(perSecond * step.index);
    snapshot.fds.limit = limit;
  };
}

/** A flat level of `open` fds (±2) against 1024. */
function flatAt(open: number) {
  return (snapshot: AgentSnapshot, step: { jitter: (a: number) => number }) => {
    snapshot.fds.open = open + step.jitter(2);
  };
}

describe('fd-exhaustion', () => {
  it('projects the time to the limit from a steady climb and calls minutes critical', () => {
    const [finding, ...rest] = findFdExhaustion(buildSession({ snapshots: 10 }, leakFds(20)), {});
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ kind: 'fd-exhaustion', severity: 'critical', frames: [] });
    const seconds = finding!.evidence.values.projectedSecondsToLimit as number;
    // ~215 fds open after 9 s at 20/s: (1024 − 215) / 20 ≈ 40 s left.
    expect(seconds).toBeGreaterThan(25);
    expect(seconds).toBeLessThan(60);
    expect(finding!.title).toMatch(/limit reached in ~\d+ s/);
    expect(finding!.evidence.series.map((s) => s.name)).toEqual(['open fds', 'limit']);
  });

  it('warns for a climb that reaches the limit within the hour, informs for one that takes days', () => {
    const slow = findFdExhaustion(buildSession({ snapshots: 30 }, leakFds(2)), {});
    expect(slow.map((f) => f.severity)).toEqual(['warning']);
    const far = findFdExhaustion(buildSession({ snapshots: 30 }, leakFds(2, 1_048_576)), {});
    expect(far.map((f) => f.severity)).toEqual(['info']);
    const unknownLimit = findFdExhaustion(buildSession({ snapshots: 30 }, leakFds(5, null)), {});
    expect(unknownLimit.map((f) => f.severity)).toEqual(['info']);
    expect(unknownLimit[0]!.evidence.values.limit).toBe('unknown');
  });

  it(`flags a flat level by its share of the limit: > ${WARNING_SHARE_OF_LIMIT} warns, > ${CRITICAL_SHARE_OF_LIMIT} is critical`, () => {
    const severityAt = (open: number) =>
      findFdExhaustion(buildSession({ snapshots: 10 }, flatAt(open)), {}).map((f) => f.severity);
    expect(severityAt(500)).toEqual([]);
    expect(severityAt(540)).toEqual(['warning']);
    expect(severityAt(800)).toEqual(['warning']);
    expect(severityAt(840)).toEqual(['critical']);
  });

  it(`is critical when the limit is ${CRITICAL_PROJECTION_MS / 60_000} min away at the present rate, a warning just past that`, () => {
    // 100 + 10/s, no noise: 190 open at the end, so the limit is (limit − 190) / 10 seconds away.
    const exact = (limit: number) => (snapshot: AgentSnapshot, step: { index: number }) => {
      snapshot.fds = { open: 100 + 10 * step.index, limit };
    };
    const severityWith = (limit: number) =>
      findFdExhaustion(buildSession({ snapshots: 10 }, exact(limit)), {}).map((f) => f.severity);
    const limitAt = (seconds: number) => 190 + 10 * seconds;
    expect(severityWith(limitAt(CRITICAL_PROJECTION_MS / 1000))).toEqual(['critical']);
    expect(severityWith(limitAt(CRITICAL_PROJECTION_MS / 1000 + 2))).toEqual(['warning']);
  });

  it('says nothing for the healthy timeline or when fds cannot be counted', () => {
    for (let seed = 1; seed <= 20; seed++) {
      expect(findFdExhaustion(buildSession({ snapshots: 60, seed }), {})).toEqual([]);
    }
    const uncounted = buildSession({ snapshots: 10 }, (snapshot) => {
      snapshot.fds = { open: null, limit: null };
    });
    expect(findFdExhaustion(uncounted, {})).toEqual([]);
  });
});
