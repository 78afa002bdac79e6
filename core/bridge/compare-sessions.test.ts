import { describe, expect, it } from 'vitest';
import { BOUNDED_UPSTREAM, buildSession } from '../findings/test-support/session-builder';
import type { Finding } from '../findings/finding';
import { compareSessions } from './compare-sessions';

const finding = (kind: Finding['kind'], severity: Finding['severity']): Finding => ({
  kind,
  severity,
  title: kind,
  evidence: { summary: '', values: {}, series: [] },
  frames: [],
  advice: '',
});

describe('compareSessions', () => {
  it('puts the peaks side by side and tells which findings came and went', () => {
    const base = buildSession({ snapshots: 10 });
    const current = buildSession({ snapshots: 10 }, (snapshot) => {
      const pool = snapshot.pools.find((p) => p.origin === BOUNDED_UPSTREAM)!;
      pool.queued = 40;
    });
    const result = compareSessions(
      { name: 'before', session: base, findings: [finding('socket-leak', 'warning')] },
      {
        name: 'after',
        session: current,
        findings: [finding('pool-starvation', 'critical'), finding('pool-starvation', 'info')],
      },
    );
    const queued = result.rows.find((r) => r.metric === 'Peak queued requests')!;
    expect(queued.current).toBe(40);
    expect(queued.base).toBeLessThan(3);
    expect(result.rows.find((r) => r.metric === 'Snapshots')).toMatchObject({ base: 10, current: 10 });
    expect(result.findings).toEqual([
      { kind: 'socket-leak', base: 'warning', current: null },
      { kind: 'pool-starvation', base: null, current: 'critical' },
    ]);
  });

  it('reports no figures for a session without snapshots', () => {
    const empty = buildSession({ snapshots: 0 });
    const result = compareSessions(
      { name: 'a', session: empty, findings: [] },
      { name: 'b', session: empty, findings: [] },
    );
    expect(result.rows.find((r) => r.metric === 'Peak sockets')).toMatchObject({ base: null, current: null });
  });
});
