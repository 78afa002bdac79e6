import { describe, expect, it } from 'vitest';
import { TEST_START_TIME } from '../../core/findings/test-support/session-builder';
import { createSessionAssembler } from '../../core/session/session-assembler';
import { fixtureRecords } from '../../test/e2e/session-fixture';
import { chainGroupRows, chainStops, describeWait } from './chain-groups';
import { poolRows, tlsHostRows } from './network-tables';

const assembler = createSessionAssembler('fixture');
fixtureRecords().forEach((r, i) => assembler.addLine(JSON.stringify(r), i + 1));
const session = assembler.finish();

describe('chain groups', () => {
  it('makes one slider stop per snapshot with a promise section and groups biggest first', () => {
    const stops = chainStops(session.snapshots, TEST_START_TIME);
    expect(stops).toHaveLength(40);
    expect(stops[0]!.t).toBe(1);
    const rows = chainGroupRows(stops.at(-1)!.section);
    expect(rows.map((r) => r.id)).toEqual(['g-fetch-prices', 'g-refresh']);
    expect(rows[0]!.site).toBe('fetchPrices (file:///srv/app/server.js:80:5)');
    expect(rows[0]!.mainWait).toBe('a pooled socket (queued) — db-proxy.internal:9000');
    expect(rows[0]!.share + rows[1]!.share).toBeCloseTo(1);
  });

  it('describes every wait', () => {
    expect(describeWait({ kind: 'none' })).toBe('nothing (never resolved?)');
    expect(describeWait({ kind: 'timer', detail: '5 s' })).toBe('a timer — 5 s');
  });
});

describe('network tables', () => {
  it('lists pools with their worst queue first, and TLS per host', () => {
    const pools = poolRows(session.snapshots);
    expect(pools[0]).toMatchObject({ origin: 'db-proxy.internal:9000', maxSockets: 50 });
    expect(pools[0]!.peakQueued).toBeGreaterThanOrEqual(pools[0]!.queued);
    const tls = tlsHostRows(session.snapshots, TEST_START_TIME);
    expect(tls).toHaveLength(1);
    expect(tls[0]).toMatchObject({ host: 'payments.example:443', completed: 160, maxMs: 400 });
  });
});
