// fetch-pool-starvation and healthy recorded with the built agent: undici pools found and judged, and no
// TLS or undici finding for the healthy service.
import { beforeAll, describe, expect, it } from 'vitest';
import { findTlsHandshakeSlow } from '../../core/network/tls-handshake-slow';
import { findTlsHandshakeStalled } from '../../core/network/tls-handshake-stalled';
import { summariseTlsHosts } from '../../core/network/tls-host-summary';
import { findUndiciPoolStarvation, findUndiciSocketLeak } from '../../core/network/undici-pool-findings';
import { readUndiciSection } from '../../core/network/undici-section';
import type { Session } from '../../core/session/session';
import { ensureNodeBundles } from '../support/node-bundles';
import { recordScenario } from './scenario-recording';

describe('pool scenarios', () => {
  let starving: Session;
  let healthy: Session;
  beforeAll(async () => {
    ensureNodeBundles();
    [starving, healthy] = await Promise.all([
      recordScenario('fetch-pool-starvation', 5),
      recordScenario('healthy', 5),
    ]);
  });

  it('fetch-pool-starvation: pool-starvation names the undici Agent and the upstream origin', () => {
    const findings = findUndiciPoolStarvation(starving, {});
    expect(findings, JSON.stringify(starving.snapshots.map((s) => readUndiciSection(s)?.pools))).toHaveLength(
      1,
    );
    const [finding] = findings;
    expect(finding!.evidence.values.poolId).toMatch(/^undici\.Agent#\d+$/);
    expect(finding!.evidence.values.origin).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(finding!.evidence.values.maxSockets).toBe(2);
    expect(finding!.frames.length, JSON.stringify(finding!.frames)).toBeGreaterThan(0);
  });

  it('healthy: no TLS or undici findings', () => {
    expect(healthy.snapshots.length).toBeGreaterThanOrEqual(6);
    expect(healthy.snapshots.every((s) => readUndiciSection(s) !== undefined)).toBe(true);
    // healthy calls a tax service over HTTPS: the TLS analyses had handshakes to judge.
    const client = summariseTlsHosts(healthy).filter((host) => host.side === 'client');
    expect(client.reduce((sum, host) => sum + host.completed, 0)).toBeGreaterThan(0);
    for (const analyze of [
      findTlsHandshakeSlow,
      findTlsHandshakeStalled,
      findUndiciPoolStarvation,
      findUndiciSocketLeak,
    ]) {
      expect(analyze(healthy, {})).toEqual([]);
    }
  });
});
